import { ResourceConflictException } from '../common/domain.exception';
import { MAX_ARTIFACT_VERSION_NUMBER } from '../models/dto/model-registration.dto';
import type { ModelRef } from './artifact-key.layout';

/** An upload would need a version past the bound; the registration is left as it was. */
export class NoArtifactVersionLeftException extends ResourceConflictException {
  constructor({ modelName, modelVersion }: ModelRef, after: string) {
    super(
      `No artifact version is left for model ${modelName} version ${modelVersion}: after ${after} the middle ` +
        `number would pass ${MAX_ARTIFACT_VERSION_NUMBER}, the largest an artifact version may hold; ` +
        'register a new model version',
    );
  }
}
