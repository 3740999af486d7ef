import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { MODEL_REGISTRATIONS_PATH } from '../models/model-registration.controller';
import { ArtifactsService } from './artifacts.service';
import { ArtifactSummaryDto } from './dto/artifact-summary.dto';

/**
 * Registration routes that involve archives. DELETE is here, not in ModelsModule, because it
 * also removes the archives and ModelsModule must not depend on ArtifactsModule.
 */
@ApiTags('model registration')
@Controller(MODEL_REGISTRATIONS_PATH)
export class ModelRegistrationArtifactsController {
  constructor(private readonly artifacts: ArtifactsService) {}

  /** The registration's uploaded archives and, on S3, those its training pipelines stored (`source: pipeline`), newest first. */
  @Get(':id/artifacts')
  @ApiOkResponse({ type: [ArtifactSummaryDto] })
  @ApiProblemResponses(404)
  history(@Param('id') id: string): Promise<ArtifactSummaryDto[]> {
    return this.artifacts.history(id);
  }

  /** Deletes the registration, its artifact records, then its archives. Idempotent: 204 also for an unknown id. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  delete(@Param('id') id: string): Promise<void> {
    return this.artifacts.deleteRegistration(id);
  }
}
