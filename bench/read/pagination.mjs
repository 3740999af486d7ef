// Pagination (page-size / page-token with RFC 8288 Link headers), ours only: first and middle page
// latency at CFG.pageSmall rows and at CFG.pageModels rows, seeded with SQL (100k through the API
// would take longer than the rest of the run).
import { stopChild } from '../lib/children.mjs';
import { connect, createDatabase } from '../lib/databases.mjs';
import { call, DISCOVERY } from '../lib/http.mjs';
import { measureLoad } from '../lib/load.mjs';
import { ratio } from '../lib/numbers.mjs';
import { startOurs } from '../lib/servers.mjs';

function nextLink(header, base) {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match && /rel="?next"?/.test(match[2])) {
      const url = new URL(match[1], base);
      return url.pathname + url.search;
    }
  }
  return null;
}

async function seedSql(db, from, to) {
  const started = performance.now();
  await db.query(
    `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author,
       owner, input_data_type, output_data_type, model_location)
     SELECT gen_random_uuid()::text, 'page-model-' || lpad((g / 4)::text, 6, '0'), ((g % 4) + 1)::text, '0.0.0',
            'Benchmark model for pagination measurements', 'bench', 'perf-team', 'pdcpBytesDl,pdcpBytesUl',
            'pdcpBytesDl,pdcpBytesUl', ''
       FROM generate_series($1::int, $2::int) AS g`,
    [from, to - 1],
  );
  await db.query(
    `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
       dependency_list, position)
     SELECT gen_random_uuid()::text, m.id, (ARRAY['kserve','kserve','onnx'])[p + 1],
            (ARRAY['prod','staging','edge'])[p + 1], (ARRAY['tensorflow=2.15','tensorflow=2.15','onnxruntime=1.18'])[p + 1], p
       FROM model_related_informations m CROSS JOIN generate_series(0, 2) AS p
      WHERE NOT EXISTS (SELECT 1 FROM target_environments t WHERE t.model_related_information_id = m.id)`,
  );
  await db.query('VACUUM ANALYZE model_related_informations, target_environments');
  return Math.round(performance.now() - started);
}

/** Walks Link rel="next" from the first page to the middle one; checks order on the way. */
async function middlePage(base, total, pageSize) {
  const pages = Math.ceil(total / pageSize);
  const steps = Math.floor(pages / 2);
  let path = `${DISCOVERY}?page-size=${pageSize}`;
  let last = '';
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const page = await call(base, 'GET', path);
    if (page.status !== 200 || !Array.isArray(page.json))
      throw new Error(`page ${i + 1} (${path}): ${page.status} ${page.text.slice(0, 300)}`);
    if (page.json.length !== pageSize)
      throw new Error(`page ${i + 1} has ${page.json.length} items, expected ${pageSize}`);
    for (const item of page.json) {
      const key = `${item.modelId.modelName}\u0000${item.modelId.modelVersion}`;
      if (key <= last)
        throw new Error(
          `page ${i + 1}: ${item.modelId.modelName}/${item.modelId.modelVersion} is out of order`,
        );
      last = key;
    }
    path = nextLink(page.headers.get('link'), base);
    if (!path) throw new Error(`page ${i + 1} of ${pages} has no Link rel="next"`);
  }
  return { path, page: steps + 1, pages, walkMs: Math.round(performance.now() - started) };
}

async function measurePages(server, total, cfg) {
  const first = `${DISCOVERY}?page-size=${cfg.pageSize}`;
  const middle = await middlePage(server.base, total, cfg.pageSize);
  const out = { models: total, middlePage: middle.page, pages: middle.pages, walkMs: middle.walkMs };
  for (const [key, path] of [
    ['first', first],
    ['middle', middle.path],
  ]) {
    const check = await call(server.base, 'GET', path);
    if (check.status !== 200 || check.json?.length !== cfg.pageSize)
      throw new Error(`GET ${path}: ${check.status}`);
    out[key] = await measureLoad(server, {
      connections: cfg.pageConnections,
      seconds: cfg.seconds,
      warmup: cfg.warmup,
      requests: () => [{ method: 'GET', path }],
    });
  }
  return out;
}

/** `probe` is a running server of ours: when it refuses page-size, the section is skipped. */
export async function pagination(main, probe, cfg) {
  const answer = await call(probe.base, 'GET', `${DISCOVERY}?page-size=${cfg.pageSize}`);
  if (answer.status !== 200)
    return { skipped: `ours answers ?page-size=${cfg.pageSize} with ${answer.status} (not supported yet)` };
  const { url } = await createDatabase('pages');
  const db = await connect(url, 'pagination');
  const server = await startOurs({ main, databaseUrl: url, label: 'ours-pages' });
  try {
    const small = {
      seedMs: await seedSql(db, 0, cfg.pageSmall),
      ...(await measurePages(server, cfg.pageSmall, cfg)),
    };
    const large = {
      seedMs: await seedSql(db, cfg.pageSmall, cfg.pageModels),
      ...(await measurePages(server, cfg.pageModels, cfg)),
    };
    const r = (key, stat) => ratio(large[key][stat], small[key][stat]);
    return {
      pageSize: cfg.pageSize,
      connections: cfg.pageConnections,
      small,
      large,
      ratios: {
        firstP50: r('first', 'p50'),
        firstP99: r('first', 'p99'),
        middleP50: r('middle', 'p50'),
        middleP99: r('middle', 'p99'),
      },
    };
  } finally {
    await stopChild(server.child);
  }
}
