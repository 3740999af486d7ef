import { InvalidRequestException } from '../common/domain.exception';
import { BucketPerModelKeyLayout, NestedKeyLayout } from './artifact-key.layout';

const ARTIFACT = { modelName: 'QoE-Predictor', modelVersion: '1', artifactVersion: '1.2.0' };

describe('NestedKeyLayout', () => {
  const layout = new NestedKeyLayout();

  it('nests name, version and artifact version', () => {
    expect(layout.finalKey(ARTIFACT)).toBe('QoE-Predictor/1/1.2.0/model.zip');
    expect(layout.temporaryKey(ARTIFACT, 'u1')).toBe('.incoming/u1.part');
  });
});

describe('BucketPerModelKeyLayout (the Go service layout)', () => {
  const layout = new BucketPerModelKeyLayout('_model.zip');

  it('uses the lower-cased name as bucket and <name>_<version>_<artifactVersion><postfix> as key', () => {
    expect(layout.finalKey(ARTIFACT)).toBe('qoe-predictor/QoE-Predictor_1_1.2.0_model.zip');
    expect(layout.temporaryKey(ARTIFACT, 'u1')).toBe('qoe-predictor/.incoming/u1.part');
  });

  it('honours MODEL_FILE_POSTFIX', () => {
    expect(new BucketPerModelKeyLayout('.zip').finalKey(ARTIFACT)).toBe(
      'qoe-predictor/QoE-Predictor_1_1.2.0.zip',
    );
  });

  it('refuses names that cannot be bucket names', () => {
    for (const modelName of ['my_model', 'ab', 'a..b', `m${'x'.repeat(63)}`, 'model-']) {
      expect(() => layout.finalKey({ ...ARTIFACT, modelName })).toThrow(InvalidRequestException);
    }
  });
});
