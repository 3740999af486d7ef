import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

const BOOLEAN_SPELLINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);

/**
 * The one reading of a boolean variable: true/false/1/0 in any case. Anything else is left as it
 * is, so that validation refuses exactly what this does not parse.
 */
export function parseBooleanVariable(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value === '') return undefined;
  return BOOLEAN_SPELLINGS.get(value.toLowerCase()) ?? value;
}

/** An optional boolean environment variable; every boolean variable is declared with this. */
export function IsBooleanVariable(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    Transform(({ value }: { value: unknown }) => parseBooleanVariable(value))(target, property);
    IsBoolean({ message: ({ property: name }) => `${name} must be true, false, 1 or 0` })(target, property);
  };
}
