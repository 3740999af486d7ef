import { InvalidRequestException } from '../../common/domain.exception';
import { RequestValidationPipe } from '../../common/request-validation.pipe';
import { customMetadata, ModelRegistrationDto } from './model-registration.dto';

const pipe = new RequestValidationPipe();

function body(metadata: Record<string, unknown>): Record<string, unknown> {
  return {
    modelId: { modelName: 'qoe', modelVersion: '1' },
    description: 'd',
    modelInformation: { metadata, inputDataType: 'i', outputDataType: 'o' },
  };
}

async function validate(metadata: Record<string, unknown>): Promise<ModelRegistrationDto> {
  return (await pipe.transform(body(metadata), {
    type: 'body',
    metatype: ModelRegistrationDto,
  })) as ModelRegistrationDto;
}

async function refusal(metadata: Record<string, unknown>): Promise<string> {
  const error = await validate(metadata).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidRequestException);
  return (error as InvalidRequestException).detail;
}

describe('ModelRegistrationDto custom metadata', () => {
  it('admits string keys beside author and owner; customMetadata gives only those', async () => {
    const dto = await validate({ author: 'alice', owner: null, algorithm: 'gbdt', 'ml.task': '' });
    expect(customMetadata(dto.modelInformation.metadata)).toEqual({ algorithm: 'gbdt', 'ml.task': '' });
    expect(customMetadata((await validate({ author: 'alice' })).modelInformation.metadata)).toEqual({});
  });

  it('bounds: 32 keys, the key pattern, 1024 characters', async () => {
    const keys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, n) => [`k${n}`, 'v']));
    await expect(validate({ author: 'a', owner: 'o', ...keys(32) })).resolves.toBeDefined();
    expect(await refusal({ author: 'a', ...keys(33) })).toBe(
      'modelInformation.metadata: metadata must have at most 32 keys besides author and owner',
    );
    await expect(validate({ author: 'a', [`A${'_.-9'.repeat(15)}abc`]: 'v' })).resolves.toBeDefined();
    for (const key of ['_x', '1x', 'x y', 'x/y', 'é', `x${'y'.repeat(64)}`, '']) {
      expect(await refusal({ author: 'a', [key]: 'v' })).toBe(
        `modelInformation.metadata.${key}: the key ${key} must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$`,
      );
    }
    await expect(validate({ author: 'a', x: '€'.repeat(1024) })).resolves.toBeDefined();
    expect(await refusal({ author: 'a', x: '€'.repeat(1025) })).toBe(
      'modelInformation.metadata.x: x must be shorter than or equal to 1024 characters',
    );
    expect(await refusal({ author: 'a', x: true })).toBe('modelInformation.metadata.x: x must be a string');
  });
});
