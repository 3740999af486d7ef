import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** An optional whole-number environment variable within bounds; empty counts as unset. */
export function IsIntegerVariable(min: number, max?: number): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(emptyToUndefined),
    Type(() => Number),
    IsInt(),
    Min(min),
    ...(max === undefined ? [] : [Max(max)]),
  );
}
