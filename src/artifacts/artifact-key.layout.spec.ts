import { InvalidRequestException } from '../common/domain.exception';
import {
  BucketPerModelKeyLayout,
  NestedKeyLayout,
  pipelineArchiveLayout,
  unrecordedArchiveKey,
} from './artifact-key.layout';

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

describe('unrecordedArchiveKey', () => {
  it("is the Go layout's key, or null where there are no Go objects or the name cannot be a bucket", () => {
    const goLayout = new BucketPerModelKeyLayout('_model.zip');
    expect(unrecordedArchiveKey(goLayout, ARTIFACT)).toBe('qoe-predictor/QoE-Predictor_1_1.2.0_model.zip');
    expect(unrecordedArchiveKey(goLayout, { ...ARTIFACT, modelName: 'my_model' })).toBeNull();
    expect(unrecordedArchiveKey(new NestedKeyLayout(), ARTIFACT)).toBeNull();
  });
});

describe('pipelineArchiveLayout (the model-storage SDK)', () => {
  it('uses the model name as given as bucket and <version>/<artifactVersion>/Model.zip as key', () => {
    expect(pipelineArchiveLayout.address(ARTIFACT)).toEqual({
      bucket: 'QoE-Predictor',
      key: '1/1.2.0/Model.zip',
    });
    expect(pipelineArchiveLayout.address({ ...ARTIFACT, modelName: 'my_model' }).bucket).toBe('my_model');
    expect(pipelineArchiveLayout.versionPrefix(ARTIFACT)).toEqual({ bucket: 'QoE-Predictor', key: '1/' });
  });

  it('reads the artifact version from archive keys only', () => {
    const model = { modelName: 'm', modelVersion: '1' };
    expect(pipelineArchiveLayout.artifactVersionOf(model, '1/1.2.0/Model.zip')).toBe('1.2.0');
    for (const key of [
      '1/1.2.0/metadata.json',
      '1/1.2.0/model.zip',
      '1/Model.zip',
      '1//Model.zip',
      '1/a/b/Model.zip',
      '10/1.2.0/Model.zip',
    ]) {
      expect(pipelineArchiveLayout.artifactVersionOf(model, key)).toBeNull();
    }
  });
});
