import type { Server } from 'node:http';
import request from 'supertest';
/** A valid registration body as a client sends it; override what a test cares about. */
export function registrationBody(
  overrides: {
    modelName?: string;
    modelVersion?: string;
    targetEnvironment?: unknown;
    owner?: string;
    description?: string;
  } = {},
): Record<string, unknown> {
  const information: Record<string, unknown> = {
    metadata: { author: 'alice', owner: overrides.owner ?? 'ran-team' },
    inputDataType: 'pdcpBytesDl,pdcpBytesUl',
    outputDataType: 'pdcpBytesDl,pdcpBytesUl',
  };
  if (overrides.targetEnvironment !== undefined) information.targetEnvironment = overrides.targetEnvironment;
  return {
    modelId: {
      modelName: overrides.modelName ?? 'qoe-predictor',
      modelVersion: overrides.modelVersion ?? '1',
    },
    description: overrides.description ?? 'QoE prediction for cell traffic',
    modelInformation: information,
    modelLocation: '',
  };
}

export const KSERVE = { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' };
export const EDGE = { platformName: 'edge', environmentType: 'stg', dependencyList: 'tflite' };
export const ONNX = { platformName: 'triton', environmentType: 'dev', dependencyList: 'onnxruntime=1.17' };

export const REGISTRATIONS = '/ai-ml-model-registration/v1/model-registrations';
export const DISCOVERY = '/ai-ml-model-discovery/v1/models';

/** The resource the service answers for a registration made from {@link registrationBody}. */
export function expectedModel(fields: {
  id: string;
  modelName: string;
  modelVersion?: string;
  artifactVersion?: string;
  description?: string;
  targetEnvironment?: unknown[];
}): Record<string, unknown> {
  return {
    id: fields.id,
    modelId: {
      modelName: fields.modelName,
      modelVersion: fields.modelVersion ?? '1',
      artifactVersion: fields.artifactVersion ?? '0.0.0',
    },
    description: fields.description ?? 'QoE prediction for cell traffic',
    modelInformation: {
      metadata: { author: 'alice', owner: 'ran-team' },
      inputDataType: 'pdcpBytesDl,pdcpBytesUl',
      outputDataType: 'pdcpBytesDl,pdcpBytesUl',
      targetEnvironment: fields.targetEnvironment ?? [],
    },
    modelLocation: '',
  };
}

/** Registers `modelName` `modelVersion` through the API (201 expected); returns its id. */
export async function registerModel(http: Server, modelName: string, modelVersion = '1'): Promise<string> {
  const response = await request(http)
    .post(REGISTRATIONS)
    .send(registrationBody({ modelName, modelVersion }))
    .expect(201);
  return (response.body as { modelInfo: { id: string } }).modelInfo.id;
}
