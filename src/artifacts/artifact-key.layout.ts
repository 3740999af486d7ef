import { InvalidRequestException } from '../common/domain.exception';

export interface ModelRef {
  readonly modelName: string;
  readonly modelVersion: string;
}

export interface ArtifactRef extends ModelRef {
  readonly artifactVersion: string;
}

/**
 * Where archives live in a store. Keys are `/`-separated; names and versions in them have passed
 * the registry's patterns (no `/`, no leading `.`), so a key never leaves its root or bucket.
 */
export interface ArtifactKeyLayout {
  /** Whether the Go service wrote objects under this layout, which downloads serve without a record. */
  readonly holdsUnrecordedArchives: boolean;
  /** Throws InvalidRequestException when the model cannot be stored under this layout. */
  finalKey(artifact: ArtifactRef): string;
  /** Where an upload is written before its version is known. */
  temporaryKey(model: ModelRef, uploadId: string): string;
}

const ARCHIVE_NAME = 'model.zip';
/** Where uploads are written before they get their version. */
export const INCOMING_DIRECTORY = '.incoming';

/** `<name>/<version>/<artifactVersion>/model.zip`: the filesystem store and the single-bucket S3 layout. */
export class NestedKeyLayout implements ArtifactKeyLayout {
  readonly holdsUnrecordedArchives = false;

  finalKey({ modelName, modelVersion, artifactVersion }: ArtifactRef): string {
    return `${modelName}/${modelVersion}/${artifactVersion}/${ARCHIVE_NAME}`;
  }

  temporaryKey(_model: ModelRef, uploadId: string): string {
    return `${INCOMING_DIRECTORY}/${uploadId}.part`;
  }
}

/** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The Go service's S3 layout: bucket = lower-cased model name, object
 * `<name>_<version>_<artifactVersion><postfix>`. Keys are written `<bucket>/<object key>`.
 */
export class BucketPerModelKeyLayout implements ArtifactKeyLayout {
  readonly holdsUnrecordedArchives = true;

  constructor(private readonly modelFilePostfix: string) {}

  finalKey({ modelName, modelVersion, artifactVersion }: ArtifactRef): string {
    return `${bucketFor(modelName)}/${modelName}_${modelVersion}_${artifactVersion}${this.modelFilePostfix}`;
  }

  temporaryKey({ modelName }: ModelRef, uploadId: string): string {
    return `${bucketFor(modelName)}/${INCOMING_DIRECTORY}/${uploadId}.part`;
  }
}

/**
 * Where the Go service would have stored the archive, which downloads serve without a record; null
 * when the layout holds no such objects or the name cannot be a bucket there.
 */
export function unrecordedArchiveKey(layout: ArtifactKeyLayout, artifact: ArtifactRef): string | null {
  if (!layout.holdsUnrecordedArchives) return null;
  try {
    return layout.finalKey(artifact);
  } catch (error) {
    if (error instanceof InvalidRequestException) return null;
    throw error;
  }
}

/** An object of an S3 service, outside any configured bucket. */
export interface BucketAddress {
  readonly bucket: string;
  readonly key: string;
}

const PIPELINE_ARCHIVE_NAME = 'Model.zip';

/**
 * Where the training pipelines store models, with the AIMLFW model-storage SDK's
 * `ModelMetricsSdk.upload_model(path, model_name, model_version, artifact_version)`
 * (o-ran-sc/aiml-fw-athp-sdk-model-storage, modelmetricsdk/model_metrics_sdk.py): bucket = the model
 * name exactly as given (not lower-cased or otherwise changed), keys
 * `<modelVersion>/<artifactVersion>/Model.zip` and `…/metadata.json` beside it. The Training
 * Manager serves the same object at `/model/<name>/<version>/<artifactVersion>/Model.zip`
 * (o-ran-sc/aiml-fw-awmf-tm, trainingmgr/trainingmgr_main.py, through `get_model_zip`).
 */
export const pipelineArchiveLayout = {
  address({ modelName, modelVersion, artifactVersion }: ArtifactRef): BucketAddress {
    return { bucket: modelName, key: `${modelVersion}/${artifactVersion}/${PIPELINE_ARCHIVE_NAME}` };
  },

  /** The prefix under which the SDK stores every artifact version of a model version. */
  versionPrefix({ modelName, modelVersion }: ModelRef): BucketAddress {
    return { bucket: modelName, key: `${modelVersion}/` };
  },

  /**
   * The artifact version of an archive key listed under {@link versionPrefix}; null for any other
   * object (metadata.json, metrics.json, deeper keys).
   */
  artifactVersionOf({ modelVersion }: ModelRef, key: string): string | null {
    const prefix = `${modelVersion}/`;
    const suffix = `/${PIPELINE_ARCHIVE_NAME}`;
    if (!key.startsWith(prefix) || !key.endsWith(suffix)) return null;
    const artifactVersion = key.slice(prefix.length, key.length - suffix.length);
    return artifactVersion.length > 0 && !artifactVersion.includes('/') ? artifactVersion : null;
  },
};

function bucketFor(modelName: string): string {
  const bucket = modelName.toLowerCase();
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new InvalidRequestException(
      `Model name ${modelName} cannot be an S3 bucket name (3-63 letters, digits, "." or "-"), which the ` +
        'bucket-per-model layout needs; the operator can set S3_BUCKET to store every model in one bucket',
    );
  }
  return bucket;
}
