import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TmRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

const API = '/ai-ml-model-training/v1';

/**
 * The Training Manager's REST routes the assistant calls, on loopback, as o-ran-sc/aiml-fw-awmf-tm
 * answers them (featuregroup_controller, trainingjob_controller): it records every request and
 * refuses bodies the TM's schemas would refuse, so that the tests can assert what was sent.
 */
export class FakeTrainingManager {
  readonly requests: TmRequest[] = [];
  readonly featureGroups: Record<string, unknown>[] = [];
  readonly jobs: Array<{ id: number; body: Record<string, unknown>; states: Record<string, string> }> = [];
  /** Answers every request after this many ms (to provoke the client's timeout). */
  delayMs = 0;
  /** Answers every request with this status and problem details instead. */
  failWith?: number;
  /** While set, every request waits for it before it is answered. */
  gate?: Promise<void>;
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<FakeTrainingManager> {
    const fake = new FakeTrainingManager();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests other than the availability probes (GET featureGroup). */
  calls(): TmRequest[] {
    return this.requests.filter((r) => !(r.method === 'GET' && r.path === `${API}/featureGroup`));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    const path = request.url ?? '';
    this.requests.push({
      method: request.method ?? '',
      path,
      contentType: request.headers['content-type'],
      body,
    });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await this.gate;
    if (this.failWith) return problem(response, this.failWith, 'Internal Server Error', 'database is down');
    const route = `${request.method} ${path}`;
    if (route === `GET ${API}/featureGroup`)
      return json(response, 200, { FeatureGroups: this.featureGroups });
    if (route === `POST ${API}/featureGroup`)
      return this.createFeatureGroup(response, body as Record<string, unknown>);
    if (route === `GET ${API}/training-jobs/`) {
      return json(
        response,
        200,
        this.jobs.map((job) => ({
          id: job.id,
          modelId: {
            modelname: (job.body.modelId as Record<string, string>).modelName,
            modelversion: (job.body.modelId as Record<string, string>).modelVersion,
            artifactversion: '0.0.0',
          },
          model_location: job.body.modelLocation,
          training_config: job.body.trainingConfig,
        })),
      );
    }
    if (route === `POST ${API}/training-jobs`)
      return this.createJob(response, body as Record<string, unknown>);
    const status = /^GET \/ai-ml-model-training\/v1\/training-jobs\/(\d+)\/status$/.exec(route);
    if (status) {
      const job = this.jobs.find((j) => j.id === Number(status[1]));
      // The TM answers 500 for an unknown id (get_steps_state raises).
      if (!job)
        return problem(
          response,
          500,
          'Internal Server Error',
          `get failed to get the status with exception : no training job ${status[1]}`,
        );
      return json(response, 200, job.states);
    }
    return problem(response, 404, 'Not Found', `no route ${route}`);
  }

  private createFeatureGroup(response: ServerResponse, body: Record<string, unknown>): void {
    const required = [
      'featuregroup_name',
      'feature_list',
      'datalake_source',
      'enable_dme',
      'host',
      'port',
      'bucket',
      'token',
      'measurement',
      'db_org',
    ];
    const missing = required.filter((field) => body[field] === undefined);
    if (missing.length > 0)
      return problem(response, 400, 'Validation Error', `missing ${missing.join(', ')}`);
    if (this.featureGroups.some((g) => g.featuregroup_name === body.featuregroup_name)) {
      return problem(
        response,
        409,
        'Conflict',
        `featuregroup ${String(body.featuregroup_name)} already exist`,
      );
    }
    this.featureGroups.push(body);
    json(response, 201, body);
  }

  private createJob(response: ServerResponse, body: Record<string, unknown>): void {
    if (!body.trainingConfig)
      return problem(response, 400, 'Bad Request', "The 'trainingConfig' field is missing.");
    const id = this.jobs.length + 1;
    const states = {
      DATA_EXTRACTION: 'IN_PROGRESS',
      DATA_EXTRACTION_AND_TRAINING: 'NOT_STARTED',
      TRAINING: 'NOT_STARTED',
      TRAINING_AND_TRAINED_MODEL: 'NOT_STARTED',
      TRAINED_MODEL: 'NOT_STARTED',
    };
    this.jobs.push({ id, body, states });
    response.setHeader('Location', `ai-ml-model-training/v1/training-jobs/${id}`);
    json(response, 201, { id, modelId: body.modelId, training_config: body.trainingConfig });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ status, title, detail }));
}
