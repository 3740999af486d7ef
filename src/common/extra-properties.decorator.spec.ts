import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateNested } from 'class-validator';
import { InvalidRequestException } from './domain.exception';
import { ExtraStringProperties } from './extra-properties.decorator';
import { RequestValidationPipe } from './request-validation.pipe';

const RULE = { declared: ['name'], maxCount: 3, keyPattern: /^[a-z]{1,8}$/, maxLength: 5 };

@ExtraStringProperties(RULE, 'labels')
class LabelsDto {
  @IsString()
  name: string;
}

class ThingDto {
  @IsString()
  id: string;

  @IsObject()
  @ValidateNested()
  @Type(() => LabelsDto)
  labels: LabelsDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LabelsDto)
  parts: LabelsDto[];
}

const pipe = new RequestValidationPipe();

async function validate(body: Record<string, unknown>): Promise<ThingDto> {
  return (await pipe.transform(body, { type: 'body', metatype: ThingDto })) as ThingDto;
}

async function detail(body: Record<string, unknown>): Promise<string> {
  const error = await validate(body).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidRequestException);
  return (error as InvalidRequestException).detail;
}

describe('ExtraStringProperties and the validation pipe', () => {
  it('keeps the admitted extra keys on the instance, nested in objects and arrays', async () => {
    const thing = await validate({
      id: '1',
      labels: { name: 'n', color: 'red', size: '' },
      parts: [{ name: 'p', shape: 'round' }],
    });
    expect(thing.labels).toBeInstanceOf(LabelsDto);
    expect({ ...thing.labels }).toEqual({ name: 'n', color: 'red', size: '' });
    expect({ ...thing.parts[0] }).toEqual({ name: 'p', shape: 'round' });
  });

  it('judges each extra key by the rule and names it by its path, with the other errors', async () => {
    expect(
      await detail({
        id: 1,
        labels: { name: 'n', color: 7, Bad: 'x', size: 'toolong' },
        parts: [{ name: 'p', shape: ['round'] }],
      }),
    ).toBe(
      'id: id must be a string; labels.color: color must be a string; ' +
        'labels.Bad: the key Bad must match ^[a-z]{1,8}$; ' +
        'labels.size: size must be shorter than or equal to 5 characters; ' +
        'parts.0.shape: shape must be a string',
    );
  });

  it('counts the extra keys, not the declared ones', async () => {
    await expect(
      validate({ id: '1', labels: { name: 'n', a: 'x', b: 'x', c: 'x' }, parts: [] }),
    ).resolves.toBeDefined();
    expect(await detail({ id: '1', labels: { name: 'n', a: 'x', b: 'x', c: 'x', d: 'x' }, parts: [] })).toBe(
      'labels: labels must have at most 3 keys besides name',
    );
    expect(await detail({ id: '1', labels: { a: 'x', b: 'x', c: 'x', d: 'x' }, parts: [] })).toBe(
      'labels: labels must have at most 3 keys besides name; labels.name: name is required',
    );
  });

  it('leaves classes without a rule closed, the body itself included', async () => {
    expect(await detail({ id: '1', labels: { name: 'n' }, parts: [], color: 'red' })).toBe(
      'color: property color should not exist',
    );
  });

  it('is for nested classes only: a body cannot carry a count error', async () => {
    await expect(pipe.transform({ name: 'n' }, { type: 'body', metatype: LabelsDto })).rejects.toThrow(
      'LabelsDto: ExtraStringProperties is for nested objects',
    );
  });
});
