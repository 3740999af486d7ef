import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY } from './support/model-fixtures';
import { STUB_HELP } from '../src/agent/stub-llm.provider';
import type { ModelRelatedInformationResponseDto } from '../src/models/dto/model-response.dto';
import { UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const MODEL_INFO = '/experiment/agent/modelInfo';
const STUB_MODEL_INFO = {
  llm: { model: 'stub-intent-parser', provider: 'stub' },
  tools: ['register_model', 'list_models', 'get_model', 'update_model', 'delete_model', 'get_model_archive'],
  trainingManager: { url: null, available: false, reason: 'TM_URL is empty: the workflow tools are off' },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('assistant with the stub provider (HTTP, real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { TM_URL: '' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function chat(text: string) {
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return response.body;
  }

  it('modelInfo names the stub and its model, the tools, and why the workflow tools are off', async () => {
    await request(t.http).get(MODEL_INFO).expect(200, STUB_MODEL_INFO);
    await request(t.http).get(`${MODEL_INFO}/`).expect(200, STUB_MODEL_INFO);
  });

  it('registers by chat (clauses in any order, quotes, mixed case), then discovery finds exactly those fields', async () => {
    const text =
      "Please REGISTER Model chat-qoe Version 2.1 Input 'pdcpBytesDl,pdcpBytesUl' author alice " +
      'OUTPUT throughput owner ran-team location s3://models/chat-qoe description "QoE prediction for cell traffic"';
    const body = await chat(text);
    const model = body.response.steps[0]?.result;
    expect(model?.id).toMatch(UUID);
    const expected = {
      id: model.id,
      modelId: { modelName: 'chat-qoe', modelVersion: '2.1', artifactVersion: '0.0.0' },
      description: 'QoE prediction for cell traffic',
      modelInformation: {
        metadata: { author: 'alice', owner: 'ran-team' },
        inputDataType: 'pdcpBytesDl,pdcpBytesUl',
        outputDataType: 'throughput',
        targetEnvironment: [],
      },
      modelLocation: 's3://models/chat-qoe',
    };
    expect(body).toEqual({
      action: 'completed',
      request: { text },
      response: {
        result: `Registered model chat-qoe version 2.1 (id ${model.id}, artifact version 0.0.0).`,
        steps: [
          {
            tool: 'register_model',
            arguments: {
              modelName: 'chat-qoe',
              modelVersion: '2.1',
              inputDataType: 'pdcpBytesDl,pdcpBytesUl',
              author: 'alice',
              outputDataType: 'throughput',
              owner: 'ran-team',
              modelLocation: 's3://models/chat-qoe',
              description: 'QoE prediction for cell traffic',
            },
            ok: true,
            result: expected,
          },
        ],
      },
      status: 'ok',
      error_message: null,
      conversationId: expect.stringMatching(UUID_V4),
    });
    const found = await request(t.http).get(`${DISCOVERY}?model-name=chat-qoe&model-version=2.1`).expect(200);
    expect(found.body).toEqual([expected]);
  });

  it('asks for the first missing clause, naming the others, and registers nothing', async () => {
    const text = 'register model half-done version 1 owner bob';
    expect(await chat(text)).toEqual({
      action: 'completed',
      request: { text },
      response: {
        result:
          'To register model half-done version 1 I need the author. I also need the description, the input data type, ' +
          'the output data type; you can give them all at once: author <name> description <text> input <features> ' +
          'output <features>. What is the author?',
        steps: [],
      },
      status: 'ok',
      error_message: null,
      conversationId: expect.stringMatching(UUID_V4),
    });
    await request(t.http).get(`${DISCOVERY}?model-name=half-done`).expect(200, []);
  });

  it('feeds a validation error back instead of failing: the step records it and nothing is created', async () => {
    const body = await chat('register model bad/name version 1 description "d" author a input i output o');
    expect(body.status).toBe('ok');
    expect(body.response.steps).toEqual([
      {
        tool: 'register_model',
        arguments: {
          modelName: 'bad/name',
          modelVersion: '1',
          description: 'd',
          author: 'a',
          inputDataType: 'i',
          outputDataType: 'o',
        },
        ok: false,
        error:
          'modelId.modelName: modelName must match /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/ regular expression',
      },
    ]);
    expect(body.response.result).toBe(
      'I could not register model bad/name version 1: modelId.modelName: modelName must match /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/ regular expression',
    );
    const all = await request(t.http).get(DISCOVERY).expect(200);
    expect(
      (all.body as Array<{ modelId: { modelName: string } }>).map((m) => m.modelId.modelName),
    ).not.toContain('bad/name');
  });

  it('reports a duplicate registration (409) as the tool error', async () => {
    const text = 'register model twice version 1 description "d" author a input i output o';
    expect((await chat(text)).response.steps[0].ok).toBe(true);
    const again = await chat(text);
    expect(again.response).toEqual({
      result:
        'I could not register model twice version 1: A model named twice with version 1 is already registered',
      steps: [
        {
          tool: 'register_model',
          arguments: {
            modelName: 'twice',
            modelVersion: '1',
            description: 'd',
            author: 'a',
            inputDataType: 'i',
            outputDataType: 'o',
          },
          ok: false,
          error: 'A model named twice with version 1 is already registered',
        },
      ],
    });
  });

  it('list models and show model reflect the registry', async () => {
    await chat('register model shown version 3 description "Shown model" author carol input a,b output c');
    const list = await chat('list models');
    const all = (await request(t.http).get(DISCOVERY).expect(200))
      .body as ModelRelatedInformationResponseDto[];
    expect(list.response.steps).toEqual([
      {
        tool: 'list_models',
        arguments: {},
        ok: true,
        result: {
          total: all.length,
          models: all.map((m) => ({ id: m.id, ...m.modelId, description: m.description })),
        },
      },
    ]);
    const names = all.map((m) => `${m.modelId.modelName} version ${m.modelId.modelVersion}`).join(', ');
    expect(list.response.result).toBe(`${all.length} models are registered: ${names}.`);
    expect(list.response.result).toContain('shown version 3');

    const shown = all.find((m) => m.modelId.modelName === 'shown')!;
    const show = await chat('Show Model shown Version 3');
    expect(show.response).toEqual({
      result:
        'Model shown version 3: Shown model. Author carol, owner (none), input a,b, output c, location (none), ' +
        `artifact version 0.0.0, 0 target environment(s), id ${shown.id}.`,
      steps: [
        { tool: 'get_model', arguments: { modelName: 'shown', modelVersion: '3' }, ok: true, result: shown },
      ],
    });

    const missing = await chat('show model shown version 9');
    expect(missing.response).toEqual({
      result: 'I could not show model shown version 9: No model named shown with version 9 is registered',
      steps: [
        {
          tool: 'get_model',
          arguments: { modelName: 'shown', modelVersion: '9' },
          ok: false,
          error: 'No model named shown with version 9 is registered',
        },
      ],
    });
  });

  it('answers anything else with the help text', async () => {
    for (const text of ['hello there', 'x'.repeat(8000)]) {
      expect(await chat(text)).toEqual({
        action: 'completed',
        request: { text },
        response: { result: STUB_HELP, steps: [] },
        status: 'ok',
        error_message: null,
        conversationId: expect.stringMatching(UUID_V4),
      });
    }
  });

  it('rejects a missing, non-string, blank or over-long text, unknown fields and non-objects with 400 problem details', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'text: text is required'],
      [{ text: null }, 'text: text is required'],
      [{ text: 42 }, 'text: text must be a string'],
      [{ text: ['list models'] }, 'text: text must be a string'],
      [{ text: '   \n\t' }, 'text: text must not be blank'],
      [{ text: 'y'.repeat(8001) }, 'text: text must be at most 8000 characters'],
      [{ text: 'list models', model: 'gpt' }, 'model: property model should not exist'],
      [['list models'], 'The request body must be a JSON object'],
    ];
    for (const [body, detail] of cases) {
      const response = await request(t.http)
        .post(GENERATE)
        .send(body as object)
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: GENERATE,
      });
    }
    const malformed = await request(t.http)
      .post(GENERATE)
      .set('content-type', 'application/json')
      .send('{"text": ')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(malformed.body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      instance: GENERATE,
    });
  });
});

describe('assistant behind API keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { API_KEYS: 'key-one,key-two', TM_URL: '' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('needs a key for both endpoints, reads included', async () => {
    const info = await request(t.http).get(MODEL_INFO).expect(401);
    expect(info.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(t.http).post(GENERATE).send({ text: 'list models' }).expect(401);
    await request(t.http).get(MODEL_INFO).set('Authorization', 'Bearer wrong').expect(401);
    await request(t.http).get(MODEL_INFO).set('Authorization', 'Bearer key-two').expect(200, STUB_MODEL_INFO);
    const chat = await request(t.http)
      .post(GENERATE)
      .set('Authorization', 'Bearer key-one')
      .send({ text: 'list models' })
      .expect(200);
    expect(chat.body.response.result).toBe('No models are registered.');
  });
});
