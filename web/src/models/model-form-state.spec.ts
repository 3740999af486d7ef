import { describe, expect, it } from 'vitest';
import { bodyOf, EMPTY_FORM, environmentEffect, formOf } from './model-form-state';
import type { Model } from './model-types';

const STORED: Model = {
  id: '3f2b6c1e-9d4a-4e7b-8c51-6a0f2d9e7b34',
  modelId: { modelName: 'qoe', modelVersion: '1', artifactVersion: '1.0.0' },
  description: 'QoE',
  modelInformation: {
    metadata: { author: 'alice', owner: 'ran-team', algorithm: 'lstm' },
    inputDataType: 'pdcpBytesDl',
    outputDataType: 'throughput',
    targetEnvironment: [{ platformName: 'kserve', environmentType: 'prod', dependencyList: 'tf' }],
  },
  modelLocation: 's3://models/qoe',
};

/** SPEC §3, update semantics: absent targetEnvironment keeps the stored list, [] clears it. */
describe('the PUT body of the edit form', () => {
  it('keeping the stored list leaves targetEnvironment out (and artifactVersion, kept too)', () => {
    const body = bodyOf(formOf(STORED), true);
    expect(body).toEqual({
      modelId: { modelName: 'qoe', modelVersion: '1' },
      description: 'QoE',
      modelInformation: {
        metadata: { author: 'alice', owner: 'ran-team', algorithm: 'lstm' },
        inputDataType: 'pdcpBytesDl',
        outputDataType: 'throughput',
      },
      modelLocation: 's3://models/qoe',
    });
    expect(environmentEffect(formOf(STORED), 1)).toBe(
      'The stored list (1 environment) is kept: targetEnvironment is not sent.',
    );
  });

  it('replacing with an empty list sends [] (clears it); with entries, sends them', () => {
    const cleared = { ...formOf(STORED), environmentMode: 'replace' as const, environments: [] };
    expect(bodyOf(cleared, true).modelInformation.targetEnvironment).toEqual([]);
    expect(environmentEffect(cleared, 1)).toBe(
      'The stored list is cleared: targetEnvironment is sent as [].',
    );
    const replaced = { ...formOf(STORED), environmentMode: 'replace' as const };
    expect(bodyOf(replaced, true).modelInformation.targetEnvironment).toEqual(
      STORED.modelInformation.targetEnvironment,
    );
    expect(environmentEffect(replaced, 1)).toBe('The stored list is replaced by the 1 below.');
  });

  it('a registration always sends its list; blank metadata keys are dropped, names trimmed', () => {
    const form = {
      ...EMPTY_FORM,
      modelName: ' qoe ',
      modelVersion: '2',
      author: 'bob',
      metadata: [
        { key: ' framework ', value: 'xgboost' },
        { key: ' ', value: 'ignored' },
      ],
    };
    expect(bodyOf(form, false)).toEqual({
      modelId: { modelName: 'qoe', modelVersion: '2' },
      description: '',
      modelInformation: {
        metadata: { author: 'bob', owner: '', framework: 'xgboost' },
        inputDataType: '',
        outputDataType: '',
        targetEnvironment: [],
      },
      modelLocation: '',
    });
  });
});
