import { spawn } from 'node:child_process';
import { childServiceFixture, freePort, MAIN_JS, ROOT } from './support/child-service';

/** On a terminal a person reads the log: one readable line per event, not JSON (elsewhere: JSON). */
describe('logs on a terminal (a real process on a pseudo-terminal, util-linux script)', () => {
  const f = childServiceFixture('mms-tty-');

  it('starts with a few readable lines, then one per request, and says where it listens', async () => {
    const port = await freePort();
    const child = spawn('script', ['-qfec', `${process.execPath} ${MAIN_JS}`, '/dev/null'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...f.env(),
        // No colours: the assertions read plain text.
        NO_COLOR: '1',
        TERM: 'dumb',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      while (!output.includes('Ready on') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect((await fetch(`${base}/ai-ml-model-discovery/v1/models`)).status).toBe(200);
      while (!output.includes('request completed') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const lines = output.split(/\r?\n/).filter(Boolean);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[[\\d:.]+\\] INFO: \\[Bootstrap\\] Ready on http://127\\.0\\.0\\.1:${port} \\(Swagger UI: `,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\[[\d:.]+\] INFO: GET \/ai-ml-model-discovery\/v1\/models 200 [\d.]+ ms request completed$/,
      ),
    );
    // Nest's narration of every module and route stays at debug.
    expect(lines.filter((line) => /InstanceLoader|RouterExplorer|RoutesResolver/.test(line))).toEqual([]);
    expect(lines.length).toBeLessThan(12);
  });
});
