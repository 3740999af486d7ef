import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { ProblemExample } from '../../common/api-problem-responses.decorator';
import { InvalidRequestException } from '../../common/domain.exception';
import { EXAMPLE_MODEL } from '../../common/openapi-examples';
import {
  ARTIFACT_VERSION_DESCRIPTION,
  MAX_ARTIFACT_VERSION_NUMBER,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
} from './model-registration.dto';

/** An artifact version in a path: always three numbers, as uploads create them. */
export const STRICT_ARTIFACT_VERSION_PATTERN = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/;

const INVALID_ARTIFACT_VERSION = `artifactVersion must look like 1.2.0 (three numbers, each 0-${MAX_ARTIFACT_VERSION_NUMBER})`;

/** The 400 of a request whose path (`instance`) has an artifact version that is not one. */
export function invalidArtifactVersionInPath(instance: string): ProblemExample {
  return { ...new InvalidRequestException(`artifactVersion: ${INVALID_ARTIFACT_VERSION}`), instance };
}

/**
 * A model named in the path. Validated like a registration's modelId, so that a path segment can
 * never become `..` or a separator in a storage key or bucket name.
 */
export class ModelPathParamsDto {
  @ApiProperty({
    pattern: MODEL_NAME_PATTERN.source,
    description: "The registration's modelId.modelName",
    example: EXAMPLE_MODEL.modelName,
  })
  @IsString()
  @Matches(MODEL_NAME_PATTERN, {
    message: 'modelName must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
  })
  modelName: string;

  @ApiProperty({
    pattern: MODEL_VERSION_PATTERN.source,
    description: "The registration's modelId.modelVersion",
    example: EXAMPLE_MODEL.modelVersion,
  })
  @IsString()
  @Matches(MODEL_VERSION_PATTERN, {
    message: 'modelVersion must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  })
  modelVersion: string;
}

export class ArtifactPathParamsDto extends ModelPathParamsDto {
  @ApiProperty({
    pattern: STRICT_ARTIFACT_VERSION_PATTERN.source,
    description: ARTIFACT_VERSION_DESCRIPTION,
    example: '1.0.0',
  })
  @IsString()
  @Matches(STRICT_ARTIFACT_VERSION_PATTERN, { message: INVALID_ARTIFACT_VERSION })
  artifactVersion: string;
}
