import type { Mock } from 'vitest';
import { ResourceConflictException, ResourceNotFoundException } from '../common/domain.exception';
import type { ModelsService } from '../models/models.service';
import { LIST_MODELS_LIMIT, RegistryTools } from './registry-tools';

function fakeModels(overrides: { register?: Mock; discover?: Mock } = {}) {
  const models = {
    register: overrides.register ?? vi.fn((dto: unknown) => Promise.resolve({ registered: dto })),
    discover: overrides.discover ?? vi.fn(() => Promise.resolve([])),
  };
  return { models, tools: new RegistryTools(models as unknown as ModelsService) };
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
});
