import request from 'supertest';
import { UUID_V4 } from './support/agent-conversation';
import { FakeTrainingManager } from './support/fake-training-manager';
import { DISCOVERY, REGISTRATIONS, registrationBody, registerModel } from './support/model-fixtures';
import { createTestApp, TestApp } from './support/test-app';

const GENERATE = '/experiment/agent/generate-content';
const MODEL_INFO = '/experiment/agent/modelInfo';
const API = '/ai-ml-model-training/v1';
const REGISTRY_TOOLS = [
  'register_model',
  'list_models',
  'get_model',
  'update_model',
  'delete_model',
  'get_model_archive',
];
const WORKFLOW_TOOLS = [
  'list_feature_groups',
  'create_feature_group',
  'list_training_jobs',
  'create_training_job',
  'training_job_status',
];
const FEATURE_GROUP =
  'create feature group cells with features pdcpBytesDl,pdcpBytesUl host influxdb.traininghost port 8086 ' +
  'bucket UEData token tok123 measurement liveCell org primary';
const FEATURE_GROUP_BODY = {
  featuregroup_name: 'cells',
  feature_list: 'pdcpBytesDl,pdcpBytesUl',
  datalake_source: 'InfluxSource',
  enable_dme: false,
  host: 'influxdb.traininghost',
  port: '8086',
  bucket: 'UEData',
  token: 'tok123',
  measurement: 'liveCell',
  db_org: 'primary',
};
const SUMMARY = { ...FEATURE_GROUP_BODY, token: undefined };
delete SUMMARY.token;

describe('assistant workflow and registry tools by chat, against a fake Training Manager', () => {
  let tm: FakeTrainingManager;
  let t: TestApp;

  beforeAll(async () => {
    tm = await FakeTrainingManager.start();
    t = await createTestApp({ env: { TM_URL: tm.url, TM_TIMEOUT_MS: '500' } });
    await request(t.http)
      .post(REGISTRATIONS)
      .send({
        ...registrationBody({ modelName: 'qoe', modelVersion: '1' }),
        modelLocation: 's3://models/qoe',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await tm.close().catch(() => undefined);
  });
  beforeEach(() => {
    tm.requests.length = 0;
    tm.delayMs = 0;
    tm.failWith = undefined;
  });

  async function chat(text: string) {
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    return response.body;
  }

  /** A conversation over HTTP: every turn after the first sends the conversationId it was given. */
  function conversation() {
    let conversationId: string | undefined;
    return {
      async say(text: string): Promise<{ result: string; steps: unknown[] }> {
        const body = conversationId ? { text, conversationId } : { text };
        const response = await request(t.http).post(GENERATE).send(body).expect(200);
        conversationId = response.body.conversationId;
        return response.body.response;
      },
    };
  }

  it('modelInfo lists the workflow tools while the TM answers', async () => {
    await request(t.http)
      .get(MODEL_INFO)
      .expect(200, {
        llm: { model: 'stub-intent-parser', provider: 'stub' },
        tools: [...REGISTRY_TOOLS, ...WORKFLOW_TOOLS],
        trainingManager: { url: tm.url, available: true, reason: null },
      });
  });

  it('creates a feature group with exactly the TM agent tool body, and never echoes the token', async () => {
    const body = await chat(FEATURE_GROUP);
    expect(tm.calls()).toEqual([
      {
        method: 'POST',
        path: `${API}/featureGroup`,
        contentType: 'application/json',
        body: FEATURE_GROUP_BODY,
      },
    ]);
    expect(body).toEqual({
      action: 'completed',
      conversationId: expect.stringMatching(UUID_V4),
      request: { text: FEATURE_GROUP },
      response: {
        result: 'Created feature group cells with features pdcpBytesDl,pdcpBytesUl.',
        steps: [
          {
            tool: 'create_feature_group',
            arguments: { ...FEATURE_GROUP_BODY, datalake_source: undefined, enable_dme: undefined },
            ok: true,
            result: { created: true, status: 201, featureGroup: SUMMARY },
          },
        ].map((step) => JSON.parse(JSON.stringify(step)) as unknown),
      },
      status: 'ok',
      error_message: null,
    });
    // A second time: the TM's 409 becomes the tool's error; the envelope stays "ok".
    const again = await chat(FEATURE_GROUP);
    expect(again.status).toBe('ok');
    expect(again.response.steps[0]).toMatchObject({
      ok: false,
      error: `The Training Manager answered HTTP 409 to POST ${API}/featureGroup: featuregroup cells already exist`,
    });
    expect(again.response.result).toBe(
      `I could not create feature group cells: The Training Manager answered HTTP 409 to POST ${API}/featureGroup: featuregroup cells already exist`,
    );
  });

  it('validates the arguments before sending anything', async () => {
    const body = await chat(FEATURE_GROUP.replace('cells', 'ab').replace('port 8086', 'port eighty'));
    expect(body.response.steps[0]).toMatchObject({
      tool: 'create_feature_group',
      ok: false,
      error:
        'featuregroup_name: featuregroup_name must be 3 to 63 letters, digits or "_"; port: port must be a port number, e.g. "8086"',
    });
    expect(tm.calls()).toEqual([]);
  });

  it('feature group + training job + status over several turns, each request as the TM expects it', async () => {
    const talk = conversation();
    expect((await talk.say('피처 그룹 목록 보여줘')).steps[0]).toMatchObject({
      tool: 'list_feature_groups',
      ok: true,
    });
    const asked = await talk.say('train model qoe version 1 on feature group cells');
    expect(asked).toEqual({
      result: 'To train model qoe version 1 I need the training pipeline. What is the training pipeline?',
      steps: [],
    });
    const started = await talk.say('qoe_Pipeline');
    expect(started.result).toBe(
      'Started training job 1 for model qoe version 1; ask "status of training job 1" to follow it.',
    );
    expect(tm.calls().filter((r) => r.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `${API}/training-jobs`,
        contentType: 'application/json',
        body: {
          modelId: { modelName: 'qoe', modelVersion: '1' },
          modelLocation: 's3://models/qoe',
          trainingConfig: {
            description: '',
            dataPipeline: { feature_group_name: 'cells', query_filter: '', arguments: {} },
            trainingPipeline: {
              training_pipeline_name: 'qoe_Pipeline',
              training_pipeline_version: 'qoe_Pipeline',
              retraining_pipeline_name: 'qoe_Pipeline',
              retraining_pipeline_version: 'qoe_Pipeline',
            },
          },
        },
      },
    ]);
    const status = await talk.say('학습 작업 1 상태 알려줘');
    expect(status.steps).toEqual([
      {
        tool: 'training_job_status',
        arguments: { trainingJobId: 1 },
        ok: true,
        result: { trainingJobId: 1, steps: tm.jobs[0].states },
      },
    ]);
    expect(status.result).toBe(
      '학습 작업 1: DATA_EXTRACTION IN_PROGRESS, DATA_EXTRACTION_AND_TRAINING NOT_STARTED, TRAINING NOT_STARTED, ' +
        'TRAINING_AND_TRAINED_MODEL NOT_STARTED, TRAINED_MODEL NOT_STARTED.',
    );
    const jobs = await talk.say('list training jobs');
    expect(jobs.result).toBe('1 training job: #1 qoe version 1.');
    expect(tm.calls().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${API}/training-jobs`,
      `GET ${API}/training-jobs/1/status`,
      `GET ${API}/training-jobs/`,
    ]);
  });

  it('refuses to train a model the registry does not know, without calling the TM', async () => {
    const body = await chat('train model ghost version 1 with pipeline p');
    expect(body.response.steps[0]).toMatchObject({
      ok: false,
      error: 'No model named ghost with version 1 is registered',
    });
    expect(tm.calls()).toEqual([]);
  });

  it('turns a TM 500 and a TM timeout into tool errors', async () => {
    tm.failWith = 500;
    const failed = await chat('status of training job 1');
    expect(failed.status).toBe('ok');
    expect(failed.response.result).toBe(
      `I could not get the status of training job 1: The Training Manager answered HTTP 500 to GET ${API}/training-jobs/1/status: database is down`,
    );
    tm.failWith = undefined;
    tm.delayMs = 1500;
    const slow = await chat('status of training job 1');
    expect(slow.response.steps[0]).toMatchObject({
      ok: false,
      error: `The Training Manager at ${tm.url} did not answer within 500 ms`,
    });
  });

  const register = (modelName: string, modelVersion = '1') => registerModel(t.http, modelName, modelVersion);

  it('a single request only asks for confirmation and deletes nothing', async () => {
    const id = await register('keep-me');
    const text = 'delete model keep-me version 1';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    expect(response.body.response).toEqual({
      result:
        'Deleting model keep-me version 1 also deletes its archives; answer yes to delete it or no to keep it. Delete it?',
      steps: [
        {
          tool: 'delete_model',
          arguments: { modelName: 'keep-me', modelVersion: '1' },
          ok: true,
          result: {
            confirmationRequired: true,
            status: 'confirmation required',
            message: `Deleting model keep-me version 1 (id ${id}) also deletes its archives. Ask the user to confirm.`,
          },
        },
      ],
    });
    await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
  });

  it('"no" keeps the model; "yes" (or 네) after the question deletes it', async () => {
    const id = await register('drop-me');
    const talk = conversation();
    await talk.say('delete model drop-me version 1');
    expect(await talk.say('no')).toEqual({
      result: 'Not deleted: model drop-me version 1 is kept.',
      steps: [],
    });
    await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    await talk.say('drop-me 모델 버전 1 삭제해줘');
    const deleted = await talk.say('네');
    expect(deleted.steps).toEqual([
      {
        tool: 'delete_model',
        arguments: { modelName: 'drop-me', modelVersion: '1', confirm: true },
        ok: true,
        result: { deleted: true, id, modelName: 'drop-me', modelVersion: '1' },
      },
    ]);
    expect(deleted.result).toBe('모델 drop-me 버전 1을(를) 삭제했습니다.');
    await request(t.http).get(`${DISCOVERY}?model-name=drop-me`).expect(200, []);
  });

  it('registers over several turns: the answer fills the field that was asked for', async () => {
    const talk = conversation();
    const asked = await talk.say(
      'register model traffic version 1 description traffic forecast for cells input pdcpBytesDl output load',
    );
    expect(asked).toEqual({
      result: 'To register model traffic version 1 I need the author. What is the author?',
      steps: [],
    });
    const done = await talk.say('alice');
    expect(done.steps[0]).toMatchObject({ tool: 'register_model', ok: true });
    const found = await request(t.http).get(`${DISCOVERY}?model-name=traffic`).expect(200);
    expect(found.body[0]).toMatchObject({
      description: 'traffic forecast for cells',
      modelInformation: {
        metadata: { author: 'alice' },
        inputDataType: 'pdcpBytesDl',
        outputDataType: 'load',
      },
    });
  });

  // Last: it stops the fake TM.
  it('TM stopped after boot: the call is a tool error, the envelope intact; then the tools are withdrawn', async () => {
    const url = tm.url;
    await tm.close();
    const text = 'list feature groups';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    const error = `The Training Manager at ${url} is unreachable (ECONNREFUSED)`;
    expect(response.body).toEqual({
      action: 'completed',
      conversationId: expect.stringMatching(UUID_V4),
      request: { text },
      response: {
        result: `I could not list the feature groups: ${error}`,
        steps: [{ tool: 'list_feature_groups', arguments: {}, ok: false, error }],
      },
      status: 'ok',
      error_message: null,
    });
    await request(t.http)
      .get(MODEL_INFO)
      .expect(200, {
        llm: { model: 'stub-intent-parser', provider: 'stub' },
        tools: REGISTRY_TOOLS,
        trainingManager: { url, available: false, reason: error },
      });
    const after = await request(t.http).post(GENERATE).send({ text }).expect(200);
    expect(after.body.response).toEqual({
      result:
        'I cannot list feature groups now: the Training Manager is not available (see GET /experiment/agent/modelInfo).',
      steps: [],
    });
  });
});
