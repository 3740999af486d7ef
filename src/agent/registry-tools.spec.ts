import type { Mock } from 'vitest';
import { ResourceConflictException, ResourceNotFoundException } from '../common/domain.exception';
import type { ArtifactsService } from '../artifacts/artifacts.service';
import type { ModelsService } from '../models/models.service';
import type { ChatMessage } from './llm-provider';
import { LIST_MODELS_LIMIT, RegistryTools } from './registry-tools';
import type { WorkflowTools } from './workflow/workflow-tools';

function fakeModels(overrides: { register?: Mock; discover?: Mock } = {}) {
  const models = {
    register: overrides.register ?? vi.fn((dto: unknown) => Promise.resolve({ registered: dto })),
    discover: overrides.discover ?? vi.fn(() => Promise.resolve([])),
    update: vi.fn((id: string, dto: unknown) => Promise.resolve({ id, updated: dto })),
  };
  const artifacts = {
    deleteRegistration: vi.fn(() => Promise.resolve()),
    history: vi.fn(() => Promise.resolve([])),
  };
  const workflow = {
    definitions: [],
    status: () => ({ url: null, available: false, reason: 'off' }),
    run: vi.fn(),
  };
  const tools = new RegistryTools(
    models as unknown as ModelsService,
    artifacts as unknown as ArtifactsService,
    workflow as unknown as WorkflowTools,
  );
  return { models, artifacts, tools };
}

const STORED = {
  id: 'id-1',
  modelId: { modelName: 'qoe', modelVersion: '1', artifactVersion: '0.0.0' },
  description: 'old',
  modelInformation: {
    metadata: { author: 'alice', owner: 'ran' },
    inputDataType: 'i',
    outputDataType: 'o',
    targetEnvironment: [],
  },
  modelLocation: '',
};

/** A chat where delete_model asked for confirmation, then the user answered `answer`, then the model calls again. */
function deleteHistory(answer: string, target = { modelName: 'qoe', modelVersion: '1' }): ChatMessage[] {
  return [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'delete model qoe version 1' },
    {
      role: 'assistant',
      content: null,
      toolCalls: [{ id: 'c1', name: 'delete_model', arguments: JSON.stringify(target) }],
    },
    {
      role: 'tool',
      toolCallId: 'c1',
      content: JSON.stringify({ confirmationRequired: true, status: 'confirmation required' }),
    },
    { role: 'assistant', content: 'Delete it?', toolCalls: [] },
    { role: 'user', content: answer },
    {
      role: 'assistant',
      content: null,
      toolCalls: [
        {
          id: 'c2',
          name: 'delete_model',
          arguments: '{"modelName":"qoe","modelVersion":"1","confirm":true}',
        },
      ],
    },
  ];
}

const VALID = {
  modelName: 'm',
  modelVersion: '1',
  description: 'd',
  author: 'a',
  inputDataType: 'i',
  outputDataType: 'o',
};

describe('RegistryTools', () => {
  it('maps register_model arguments onto the REST registration DTO', async () => {
    const { models, tools } = fakeModels();
    const env = { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tf' };
    const args = { ...VALID, owner: 'team', modelLocation: 's3://x', targetEnvironment: [env] };
    const outcome = await tools.call('register_model', JSON.stringify(args));
    expect(outcome.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(models.register.mock.calls[0][0]))).toEqual({
      modelId: { modelName: 'm', modelVersion: '1' },
      description: 'd',
      modelInformation: {
        metadata: { author: 'a', owner: 'team' },
        inputDataType: 'i',
        outputDataType: 'o',
        targetEnvironment: [env],
      },
      modelLocation: 's3://x',
    });
  });

  it.each([
    ['not JSON', '{oops', /^The arguments are not valid JSON \(.+\); send one JSON object$/],
    ['not an object', '[1]', /^The arguments must be a JSON object$/],
    ['an unknown argument', JSON.stringify({ ...VALID, id: 'x' }), /^Unknown argument\(s\): id; allowed: /],
    [
      'a missing field',
      JSON.stringify({ ...VALID, author: undefined }),
      /^modelInformation\.metadata\.author: author is required/,
    ],
    [
      'an unknown field in a target environment',
      JSON.stringify({
        ...VALID,
        targetEnvironment: [{ platformName: 'p', environmentType: 'e', dependencyList: 'd', x: 1 }],
      }),
      /^modelInformation\.targetEnvironment\.0\.x: property x should not exist$/,
    ],
    [
      'a NUL character, which PostgreSQL text cannot hold',
      JSON.stringify({ ...VALID, description: 'a\u0000b' }),
      /^description: must not contain NUL characters$/,
    ],
  ])('rejects %s without calling the service', async (_case, raw, error) => {
    const { models, tools } = fakeModels();
    const outcome = await tools.call('register_model', raw);
    expect(outcome).toEqual({
      tool: 'register_model',
      arguments: expect.anything(),
      ok: false,
      error: expect.stringMatching(error),
    });
    expect(models.register).not.toHaveBeenCalled();
  });

  it('returns domain errors as the tool error and rethrows anything else', async () => {
    const conflict = fakeModels({
      register: vi.fn().mockRejectedValue(new ResourceConflictException('taken')),
    });
    expect(await conflict.tools.call('register_model', JSON.stringify(VALID))).toEqual({
      tool: 'register_model',
      arguments: VALID,
      ok: false,
      error: 'taken',
    });
    const notFound = fakeModels({
      discover: vi.fn().mockRejectedValue(new ResourceNotFoundException('nope')),
    });
    expect(await notFound.tools.call('get_model', '{"modelName":"m","modelVersion":"1"}')).toMatchObject({
      ok: false,
      error: 'nope',
    });
    const down = fakeModels({ discover: vi.fn().mockRejectedValue(new Error('connection terminated')) });
    await expect(down.tools.call('list_models', '')).rejects.toThrow('connection terminated');
  });

  it('lists at most LIST_MODELS_LIMIT summaries, with the total', async () => {
    const all = Array.from({ length: LIST_MODELS_LIMIT + 5 }, (_, n) => ({
      id: `id-${n}`,
      modelId: { modelName: `m${n}`, modelVersion: '1', artifactVersion: '0.0.0' },
      description: 'd',
    }));
    const { models, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve(all)) });
    const outcome = await tools.call('list_models', '{"modelName":"m1"}');
    expect(models.discover).toHaveBeenCalledWith(expect.objectContaining({ modelName: 'm1' }));
    expect(outcome.ok && outcome.result).toMatchObject({ total: LIST_MODELS_LIMIT + 5 });
    expect(outcome.ok && (outcome.result as { models: unknown[] }).models).toHaveLength(LIST_MODELS_LIMIT);
    expect(outcome.ok && (outcome.result as { models: unknown[] }).models[0]).toEqual({
      id: 'id-0',
      modelName: 'm0',
      modelVersion: '1',
      artifactVersion: '0.0.0',
      description: 'd',
    });
  });

  it.each([
    [
      'an uploaded archive',
      { artifactVersion: '1.1.0', sizeBytes: 10, sha256: 'ab', createdAt: '2026-01-01T00:00:00.000Z' },
      { source: 'registry', sizeBytes: 10, sha256: 'ab' },
    ],
    [
      "a pipeline's archive",
      {
        artifactVersion: '1.1.0',
        sizeBytes: 20,
        createdAt: '2026-01-01T00:00:00.000Z',
        source: 'pipeline',
        etag: '"e"',
      },
      { source: 'pipeline', sizeBytes: 20, etag: '"e"' },
    ],
  ])('get_model_archive points at downloadModel for %s', async (_case, entry, expected) => {
    const stored = { ...STORED, modelId: { ...STORED.modelId, artifactVersion: '1.1.0' } };
    const { artifacts, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([stored])) });
    artifacts.history.mockResolvedValue([entry] as never);
    expect(await tools.call('get_model_archive', '{"modelName":"qoe","modelVersion":"1"}')).toEqual({
      tool: 'get_model_archive',
      arguments: { modelName: 'qoe', modelVersion: '1' },
      ok: true,
      result: {
        modelName: 'qoe',
        modelVersion: '1',
        artifactVersion: '1.1.0',
        path: '/ai-ml-model-registration/v1/downloadModel/qoe/1/1.1.0/model.zip',
        ...expected,
      },
    });
  });

  it('validates get_model arguments with the model id rules', async () => {
    const { models, tools } = fakeModels();
    expect(await tools.call('get_model', '{"modelName":"a b"}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^modelName: modelName must match .*; modelVersion: modelVersion is required$/,
      ),
    });
    expect(models.discover).not.toHaveBeenCalled();
  });

  it('update_model replaces the given fields of the stored registration and keeps the others (PUT through the service)', async () => {
    const { models, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([STORED])) });
    const outcome = await tools.call(
      'update_model',
      '{"modelName":"qoe","modelVersion":"1","description":"new","owner":""}',
    );
    expect(outcome.ok).toBe(true);
    expect(models.update.mock.calls[0][0]).toBe('id-1');
    expect(JSON.parse(JSON.stringify(models.update.mock.calls[0][1]))).toEqual({
      modelId: { modelName: 'qoe', modelVersion: '1' },
      description: 'new',
      modelInformation: {
        metadata: { author: 'alice', owner: '' },
        inputDataType: 'i',
        outputDataType: 'o',
        targetEnvironment: [],
      },
      modelLocation: '',
    });
    expect(await tools.call('update_model', '{"modelName":"qoe","modelVersion":"1"}')).toMatchObject({
      ok: false,
      error: 'Nothing to change: give at least one field to update',
    });
  });

  it('update_model keeps the stored custom metadata (a PUT would clear it)', async () => {
    const stored = {
      ...STORED,
      modelInformation: {
        ...STORED.modelInformation,
        metadata: { author: 'alice', owner: 'ran', algorithm: 'gbdt' },
      },
    };
    const { models, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([stored])) });
    const outcome = await tools.call('update_model', '{"modelName":"qoe","modelVersion":"1","author":"bob"}');
    expect(outcome.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(models.update.mock.calls[0][1])).modelInformation.metadata).toEqual({
      author: 'bob',
      owner: 'ran',
      algorithm: 'gbdt',
    });
  });

  it('delete_model first asks for confirmation and deletes nothing', async () => {
    const { artifacts, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([STORED])) });
    const outcome = await tools.call('delete_model', '{"modelName":"qoe","modelVersion":"1"}');
    expect(outcome).toMatchObject({
      ok: true,
      result: { confirmationRequired: true, status: 'confirmation required' },
    });
    expect(artifacts.deleteRegistration).not.toHaveBeenCalled();
  });

  it.each([
    ['no history at all', []],
    ['no user turn after the question', deleteHistory('yes').filter((m, i) => i !== 5)],
    ['a user turn that does not agree', deleteHistory('what would that delete?')],
    ['a refusal', deleteHistory('no')],
    ['a question about another model', deleteHistory('yes', { modelName: 'qoe', modelVersion: '2' })],
  ])('delete_model with confirm: true refuses after %s', async (_case, history) => {
    const { artifacts, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([STORED])) });
    const outcome = await tools.call(
      'delete_model',
      '{"modelName":"qoe","modelVersion":"1","confirm":true}',
      {
        history,
      },
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Not deleted: the user has not confirmed/),
    });
    expect(artifacts.deleteRegistration).not.toHaveBeenCalled();
  });

  it.each(['yes', '네', 'confirm', 'Yes, go ahead'])(
    'delete_model deletes after the question and the answer %j',
    async (answer) => {
      const { artifacts, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([STORED])) });
      const outcome = await tools.call(
        'delete_model',
        '{"modelName":"qoe","modelVersion":"1","confirm":true}',
        {
          history: deleteHistory(answer),
        },
      );
      expect(outcome).toEqual({
        tool: 'delete_model',
        arguments: { modelName: 'qoe', modelVersion: '1', confirm: true },
        ok: true,
        result: { deleted: true, id: 'id-1', modelName: 'qoe', modelVersion: '1' },
      });
      expect(artifacts.deleteRegistration).toHaveBeenCalledWith('id-1');
    },
  );

  it('a confirmation is spent by the deletion it allowed', async () => {
    const { artifacts, tools } = fakeModels({ discover: vi.fn(() => Promise.resolve([STORED])) });
    const history: ChatMessage[] = [
      ...deleteHistory('yes'),
      { role: 'tool', toolCallId: 'c2', content: '{"deleted":true,"id":"id-1"}' },
      // The same turn, a second call: one "yes" allows one deletion.
      {
        role: 'assistant',
        content: null,
        toolCalls: [
          {
            id: 'c3',
            name: 'delete_model',
            arguments: '{"modelName":"qoe","modelVersion":"1","confirm":true}',
          },
        ],
      },
    ];
    expect(
      await tools.call('delete_model', '{"modelName":"qoe","modelVersion":"1","confirm":true}', { history }),
    ).toMatchObject({ ok: false });
    expect(artifacts.deleteRegistration).not.toHaveBeenCalled();
  });
});
