#!/usr/bin/env node
// BENCHMARK FLOOR — NOT PRODUCTION CODE.
//
// The hand-written `node:http` + `pg` baseline that `npm run bench` (bench/run.mjs) measures the service
// against (SPEC §9: "list throughput close to a hand-written pg + node:http baseline running the same
// SQL"). It serves only the routes the benchmark drives, reads the same rows as the service (one query with
// a LEFT JOIN for every read, one transaction for a registration) and writes byte-for-byte the same JSON
// resource. Like the service, it names its statements (prepared once per connection): the floor is
// what the service's framework costs, not a handicap in the database. It deliberately has no framework, no validation beyond "is it a string", no logging, no
// metrics, no security headers: it is the floor, not something to deploy.
//
//   DATABASE_URL=postgres://… PORT=8099 [HOST=127.0.0.1] [POOL_SIZE=10] node bench/baseline-server.mjs
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const REGISTRATIONS = '/ai-ml-model-registration/v1/model-registrations';
const DISCOVERY = '/ai-ml-model-discovery/v1/models';
const BODY_LIMIT = 2 * 1024 * 1024;

// Same pool size as the service's default (DB_POOL_SIZE=10).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
pool.on('error', (error) => console.error(`idle pool client: ${error.message}`));

const SELECT = `
  SELECT m.id, m.model_name, m.model_version, m.artifact_version, m.description, m.author, m.owner,
         m.input_data_type, m.output_data_type, m.model_location,
         t.id AS t_id, t.platform_name, t.environment_type, t.dependency_list
    FROM model_related_informations m
    LEFT JOIN target_environments t ON t.model_related_information_id = m.id`;
const ORDER = 'ORDER BY m.model_name ASC, m.model_version ASC, t.position ASC, t.id ASC';

/** Rows of the join (ordered by registration) → resources, in the contract's field order. */
function toResources(rows) {
  const out = [];
  let current;
  for (const r of rows) {
    if (current?.id !== r.id) {
      current = {
        id: r.id,
        modelId: { modelName: r.model_name, modelVersion: r.model_version, artifactVersion: r.artifact_version },
        description: r.description,
        modelInformation: {
          metadata: { author: r.author, owner: r.owner },
          inputDataType: r.input_data_type,
          outputDataType: r.output_data_type,
          targetEnvironment: [],
        },
        modelLocation: r.model_location,
      };
      out.push(current);
    }
    if (r.t_id !== null) {
      current.modelInformation.targetEnvironment.push({
        platformName: r.platform_name,
        environmentType: r.environment_type,
        dependencyList: r.dependency_list,
      });
    }
  }
  return out;
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function problem(res, status, title, detail, instance) {
  const text = JSON.stringify({ type: 'about:blank', title, status, detail, instance });
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function getById(res, id, path) {
  const { rows } = await pool.query({ name: 'by-id', text: `${SELECT} WHERE m.id = $1 ${ORDER}`, values: [id] });
  if (rows.length === 0) return problem(res, 404, 'Not Found', `No model registration with id ${id}`, path);
  send(res, 200, toResources(rows)[0]);
}

async function discover(res, query, path) {
  const params = [];
  const where = [];
  for (const [key, value] of query) {
    const column = { 'model-name': 'model_name', modelName: 'model_name', 'model-version': 'model_version', modelVersion: 'model_version' }[key];
    if (!column) return problem(res, 400, 'Bad Request', `Unknown query parameter ${key}`, path);
    params.push(value);
    where.push(`m.${column} = $${params.length}`);
  }
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`;
  const { rows } = await pool.query({ name: `discover:${where.join(',')}`, text: sql, values: params });
  const both = where.length === 2;
  if (rows.length === 0 && both) return problem(res, 404, 'Not Found', 'No such model is registered', path);
  send(res, 200, toResources(rows));
}

async function register(req, res, path) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) return problem(res, 413, 'Payload Too Large', 'Body too large', path);
    chunks.push(chunk);
  }
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return problem(res, 400, 'Bad Request', 'Malformed JSON', path);
  }
  const { modelId, modelInformation: info } = body ?? {};
  const str = (v) => (typeof v === 'string' ? v : undefined);
  const model = {
    id: randomUUID(),
    modelName: str(modelId?.modelName),
    modelVersion: str(modelId?.modelVersion),
    description: str(body?.description),
    author: str(info?.metadata?.author),
    owner: str(info?.metadata?.owner) ?? '',
    inputDataType: str(info?.inputDataType),
    outputDataType: str(info?.outputDataType),
    modelLocation: str(body?.modelLocation) ?? '',
  };
  const envs = Array.isArray(info?.targetEnvironment) ? info.targetEnvironment : [];
  if (Object.values(model).some((v) => v === undefined)) return problem(res, 400, 'Bad Request', 'Missing field', path);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query({
      name: 'insert-model',
      text: `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author,
         owner, input_data_type, output_data_type, model_location) VALUES ($1, $2, $3, '0.0.0', $4, $5, $6, $7, $8, $9)`,
      values: [model.id, model.modelName, model.modelVersion, model.description, model.author, model.owner,
        model.inputDataType, model.outputDataType, model.modelLocation],
    });
    if (envs.length > 0) {
      const params = [];
      const values = envs.map((e, position) => {
        params.push(randomUUID(), model.id, String(e.platformName), String(e.environmentType), String(e.dependencyList), position);
        const n = params.length;
        return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
      });
      await client.query({
        name: `insert-environments:${envs.length}`,
        text: `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
           dependency_list, position) VALUES ${values.join(', ')}`,
        values: params,
      });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (error.code === '23505') return problem(res, 409, 'Conflict', 'Already registered', path);
    throw error;
  } finally {
    client.release();
  }
  const modelInfo = {
    id: model.id,
    modelId: { modelName: model.modelName, modelVersion: model.modelVersion, artifactVersion: '0.0.0' },
    description: model.description,
    modelInformation: {
      metadata: { author: model.author, owner: model.owner },
      inputDataType: model.inputDataType,
      outputDataType: model.outputDataType,
      targetEnvironment: envs.map((e) => ({
        platformName: String(e.platformName),
        environmentType: String(e.environmentType),
        dependencyList: String(e.dependencyList),
      })),
    },
    modelLocation: model.modelLocation,
  };
  send(res, 201, { modelInfo }, { Location: `${REGISTRATIONS}/${model.id}` });
}

async function route(req, res) {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  if (req.method === 'GET' && path === DISCOVERY) return discover(res, url.searchParams, url.pathname);
  if (req.method === 'POST' && path === REGISTRATIONS) return register(req, res, url.pathname);
  if (req.method === 'GET' && path.startsWith(`${REGISTRATIONS}/`)) {
    return getById(res, decodeURIComponent(path.slice(REGISTRATIONS.length + 1)), url.pathname);
  }
  if (req.method === 'GET' && path === '/health/ready') {
    await pool.query('SELECT 1');
    return send(res, 200, { status: 'ok' });
  }
  problem(res, 404, 'Not Found', `Cannot ${req.method} ${url.pathname}`, url.pathname);
}

const server = createServer((req, res) => {
  route(req, res).catch((error) => {
    if (!res.headersSent) problem(res, 500, 'Internal Server Error', String(error?.message ?? error), req.url);
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 8099), process.env.HOST ?? '127.0.0.1');

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections?.();
    pool.end().finally(() => process.exit(0));
  });
}
