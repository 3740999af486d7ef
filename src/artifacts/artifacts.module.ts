import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ArtifactDownloadController } from './artifact-download.controller';
import { ArtifactDownloadService } from './artifact-download.service';
import { ARTIFACT_STORE } from './artifact-store';
import { artifactStoreProvider } from './artifact-store.provider';
import { ArtifactUploadController } from './artifact-upload.controller';
import { ArtifactUploadService } from './artifact-upload.service';
import { ArtifactsService } from './artifacts.service';
import { ModelArtifactRepository } from './model-artifact.repository';
import { ModelRegistrationArtifactsController } from './model-registration-artifacts.controller';

/** Model archives: upload, download, history, and registration deletion (which takes the archives along). */
@Module({
  imports: [ModelsModule],
  controllers: [ArtifactUploadController, ArtifactDownloadController, ModelRegistrationArtifactsController],
  providers: [
    artifactStoreProvider,
    ModelArtifactRepository,
    ArtifactUploadService,
    ArtifactDownloadService,
    ArtifactsService,
  ],
  exports: [ARTIFACT_STORE, ArtifactsService],
})
export class ArtifactsModule {}
