import { FactoryProvider, Logger } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BucketPerModelKeyLayout, NestedKeyLayout } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore } from './artifact-store';
import { FilesystemArtifactStore } from './filesystem-artifact.store';

/** S3 when S3_URL is set (the Go service's layout unless S3_BUCKET is), else `DATA_DIR/artifacts`. */
export const artifactStoreProvider: FactoryProvider<ArtifactStore> = {
  provide: ARTIFACT_STORE,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<ArtifactStore> => {
    const logger = new Logger('ArtifactStore');
    const { s3, modelFilePostfix } = config.artifacts;
    if (!s3) {
      const root = join(config.dataDir, 'artifacts');
      logger.log(`Model archives are stored under ${root}`);
      return new FilesystemArtifactStore(root);
    }
    const layout = s3.bucket ? new NestedKeyLayout() : new BucketPerModelKeyLayout(modelFilePostfix);
    logger.log(
      `Model archives are stored in S3 at ${new URL(s3.url).origin}, ` +
        (s3.bucket ? `bucket ${s3.bucket}` : 'one bucket per model (the Go service layout)'),
    );
    // Loaded only here: the AWS SDK is a tenth of the resident set of an instance that never uses it.
    const { S3ArtifactStore } = await import('./s3-artifact.store.js');
    return new S3ArtifactStore(s3, layout);
  },
};
