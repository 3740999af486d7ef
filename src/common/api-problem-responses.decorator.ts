import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ProblemDetailsDto } from './problem-details.dto';

const REGISTRATIONS = '/ai-ml-model-registration/v1/model-registrations';
const EXAMPLE_ID = '8c6f1f0e-4a8e-4c55-9a57-3c1c7f3f2a10';
const UPLOAD = '/ai-ml-model-registration/v1/uploadModel/qoe-predictor/1';
const DOWNLOAD = '/ai-ml-model-registration/v1/downloadModel/qoe-predictor/1/1.0.0/model.zip';

/** What the service really answers with each status (details copied from the code that throws them). */
const EXAMPLES: Record<number, { detail: string; instance: string; correlationId?: string }> = {
  400: {
    detail: 'modelInformation.metadata.author: author is required',
    instance: REGISTRATIONS,
  },
  401: { detail: 'This operation needs Authorization: Bearer <API key>', instance: REGISTRATIONS },
  404: { detail: `No model registration with id ${EXAMPLE_ID}`, instance: `${REGISTRATIONS}/${EXAMPLE_ID}` },
  409: {
    detail: 'A model named qoe-predictor with version 1 is already registered',
    instance: REGISTRATIONS,
  },
  413: { detail: 'The file is larger than the upload limit of 2147483648 bytes', instance: UPLOAD },
  415: { detail: 'The file is not a ZIP archive (it does not start with a ZIP signature)', instance: UPLOAD },
  416: { detail: "The requested range lies outside the archive's 5120 bytes", instance: DOWNLOAD },
  429: {
    detail: 'Too many assistant requests from this client (at most 60 a minute); retry after 42 s',
    instance: '/experiment/agent/generate-content',
  },
  500: {
    detail: 'Internal error; correlation id 4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    instance: REGISTRATIONS,
    correlationId: '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  },
  503: { detail: 'The database is unavailable; retry later', instance: REGISTRATIONS },
  507: {
    detail: 'The artifact store has no space left for this upload (ENOSPC); it was not stored',
    instance: UPLOAD,
  },
};

/** One problem-details response of the document: its schema and a truthful example for the status. */
export function problemResponse(status: number) {
  const example = EXAMPLES[status];
  return {
    description: STATUS_CODES[status] ?? String(status),
    content: {
      'application/problem+json': {
        schema: { $ref: getSchemaPath(ProblemDetailsDto) },
        ...(example
          ? { example: { type: 'about:blank', title: STATUS_CODES[status], status, ...example } }
          : {}),
      },
    },
  };
}

/** Documents the problem-details answers an operation can give (plus the 500 any can). */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...statuses, 500].map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );
}
