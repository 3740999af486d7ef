import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { buildIfMissing, ChildService, startChildService } from './support/child-service';
import { listeningSockets } from './support/process-sockets';

/**
 * The embedded store (PGlite) accepts any user and password, so only the service's own user may
 * reach it: no TCP listener, a Unix socket in a 0700 directory, the socket itself 0600.
 */
describe('embedded store: served to this process only', () => {
  let dataDir: string;
  let service: ChildService | undefined;

  beforeAll(async () => {
    buildIfMissing();
    dataDir = await mkdtemp(join(tmpdir(), 'mms-access-'));
  }, 150_000);

  afterAll(async () => {
    await service?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on TCP for HTTP only; its sockets are owner-only', async () => {
    service = await startChildService({ DATA_DIR: dataDir });
    const sockets = await listeningSockets(service.process.pid!);
    expect(sockets.tcpPorts).toEqual([service.port]);

    const databaseSocket = sockets.unixPaths.find((path) => path.endsWith('/.s.PGSQL.5432'));
    expect(sockets.unixPaths).toEqual([databaseSocket, join(dataDir, 'pgdata.lock')].sort());
    expect(databaseSocket).toMatch(/\/modelmgmtservice-db-\w+\/\.s\.PGSQL\.5432$/);
    expect((await stat(dirname(databaseSocket!))).mode & 0o777).toBe(0o700);
    expect((await stat(databaseSocket!)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'pgdata.lock'))).mode & 0o777).toBe(0o600);

    // The owner (this test runs as the service's user) reaches it: the socket is the database.
    const owner = new Client({
      host: dirname(databaseSocket!),
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    await owner.connect();
    try {
      expect((await owner.query('SELECT count(*)::int AS n FROM model_related_informations')).rows).toEqual([
        { n: 0 },
      ]);
    } finally {
      await owner.end();
    }

    // Another user cannot connect (needs root to switch to nobody).
    if (process.getuid?.() === 0) {
      const probe = spawnSync(
        process.execPath,
        [
          '-e',
          `require('node:net').connect(${JSON.stringify(databaseSocket)})
             .on('connect', () => console.log('connected'))
             .on('error', (error) => console.log(error.code))`,
        ],
        { uid: 65534, gid: 65534, encoding: 'utf8', timeout: 10_000 },
      );
      expect(probe.stdout.trim(), probe.stderr).toBe('EACCES');
    }
  }, 300_000);
});
