import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', 'scripts', 'start', 'build-if-stale.mjs');

/** `npm start`'s pre-step, run in a scratch project where `nest build` cannot succeed. */
describe('npm start builds only when the sources changed', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mms-start-'));
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'src', 'main.ts'), '');
    writeFileSync(join(dir, 'dist', 'main.js'), '');
    mkdirSync(join(dir, 'dist', 'ui'));
    writeFileSync(join(dir, 'dist', 'ui', 'index.html'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run() {
    return spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  }

  it('starts without building when dist is newer than every source', () => {
    utimesSync(join(dir, 'src', 'main.ts'), 1_000, 1_000);
    const result = run();
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: '' });
  });

  it('builds when a source is newer than dist, or dist is missing', () => {
    utimesSync(join(dir, 'dist', 'main.js'), 1_000, 1_000);
    const stale = run();
    expect(stale.stdout).toContain('Sources changed since the last build: building…');
    // The scratch project has no Nest CLI: the build was really attempted, and its failure is the exit code.
    expect(stale.status).not.toBe(0);
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(run().stdout).toContain('Building (first start)…');
  });

  it('builds when the console is missing (its build did not finish) or older than web/', () => {
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'index.html'), '');
    utimesSync(join(dir, 'web', 'index.html'), 1_000, 1_000);
    utimesSync(join(dir, 'src', 'main.ts'), 1_000, 1_000);
    expect(run().stdout).toBe('');
    utimesSync(join(dir, 'dist', 'ui', 'index.html'), 500, 500);
    expect(run().stdout).toContain('Sources changed since the last build: building…');
    rmSync(join(dir, 'dist', 'ui'), { recursive: true });
    expect(run().stdout).toContain('Building (first start)…');
  });
});
