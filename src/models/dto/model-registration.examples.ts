import type { ExamplesObject } from '@nestjs/swagger';
import { EXAMPLE_MODEL } from '../../common/openapi-examples';
import { EXAMPLE_METADATA, EXAMPLE_TARGET_ENVIRONMENT } from './model-registration.dto';

/**
 * The bodies Swagger UI's "Try it out" sends. A registration of the document's example model: no id
 * and no artifactVersion, which the service assigns.
 */
export const REGISTRATION_EXAMPLES: ExamplesObject = {
  register: {
    summary: 'A new model with one target environment and a custom metadata key',
    value: {
      modelId: { ...EXAMPLE_MODEL },
      description: 'Forecasts cell load from PDCP traffic',
      modelInformation: {
        metadata: { ...EXAMPLE_METADATA },
        inputDataType: 'pdcpBytesDl,pdcpBytesUl',
        outputDataType: 'cellLoadForecast',
        targetEnvironment: [{ ...EXAMPLE_TARGET_ENVIRONMENT }],
      },
    },
  },
};

/**
 * An update of the registration that {@link REGISTRATION_EXAMPLES} made: the same modelId (it cannot
 * change), no id (the path has it), no artifactVersion (the stored one stays).
 */
export const UPDATE_EXAMPLES: ExamplesObject = {
  update: {
    summary: 'New description, metadata and target environments of the example model',
    value: {
      modelId: { ...EXAMPLE_MODEL },
      description: 'Forecasts cell load from PDCP traffic, retrained on a week of data',
      modelInformation: {
        metadata: { ...EXAMPLE_METADATA, algorithm: 'lstm-v2' },
        inputDataType: 'pdcpBytesDl,pdcpBytesUl',
        outputDataType: 'cellLoadForecast',
        targetEnvironment: [
          { ...EXAMPLE_TARGET_ENVIRONMENT },
          { platformName: 'edge', environmentType: 'stg', dependencyList: 'tflite' },
        ],
      },
    },
  },
};
