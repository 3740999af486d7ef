// The measured cases. Each server answers from its own rows: `server.ids` are the ids it gave the
// seeded registrations (ours and the floor share a database, the Go service has its own).
import { DISCOVERY, REG } from '../lib/http.mjs';
import { purgeRegistrations, registration, seedKey } from '../lib/seed.mjs';

export function readCases(n, { listConnections }) {
  let k = 0;
  let reg = 0;
  const rotate = (build) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: build(k++) }) });
  const names = Math.max(1, Math.floor(n / 4));
  return [
    {
      key: 'get-by-id',
      label: 'get by id',
      read: true,
      point: true,
      requests: (server) => [rotate((i) => `${REG}/${server.ids[i % server.ids.length]}`)],
    },
    {
      key: 'by-name-version',
      label: 'discovery name+version',
      read: true,
      point: true,
      requests: () => [
        rotate((i) => {
          const { name, version } = seedKey(i % n, n);
          return `${DISCOVERY}?model-name=${name}&model-version=${version}`;
        }),
      ],
    },
    {
      key: 'by-name',
      label: 'discovery by name',
      read: true,
      point: true,
      requests: () => [rotate((i) => `${DISCOVERY}?model-name=${seedKey(i % names, n).name}`)],
    },
    {
      key: 'list-all',
      label: `list all (${n})`,
      read: true,
      point: false,
      // One answer carries all N registrations and takes hundreds of ms: 32 connections would only
      // measure a queue longer than the run.
      connections: listConnections,
      requests: () => [{ method: 'GET', path: DISCOVERY }],
    },
    {
      key: 'register',
      label: 'registration (POST)',
      read: false,
      point: false,
      requests: (server) => [
        {
          method: 'POST',
          path: REG,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify(registration(`bench-reg-${server.key}-${process.pid}-${reg++}`, '1')),
          }),
        },
      ],
      // Keeps every database at N rows for the next round's list-all.
      after: (databases) => Promise.all(databases.map((db) => purgeRegistrations(db, 'bench-reg-%'))),
    },
  ];
}
