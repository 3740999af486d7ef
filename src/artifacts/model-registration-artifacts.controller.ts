import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_ID } from '../common/openapi-examples';
import { ApiRegistrationId, MODEL_REGISTRATIONS_PATH } from '../models/model-registration.controller';
import { registrationNotFound } from '../models/models.service';
import { ArtifactStoreUnavailableException } from './artifact-store.exception';
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

  @Get(':id/artifacts')
  @ApiOperation({
    summary: "List a registration's archives",
    description:
      'Its uploaded archives and, on S3, those its training pipelines stored (`source: pipeline`), newest first.',
  })
  @ApiRegistrationId()
  @ApiOkResponse({ type: [ArtifactSummaryDto], description: 'The archives, newest first ([] when none)' })
  @ApiProblemResponses(registrationNotFound(EXAMPLE_ID), new ArtifactStoreUnavailableException(undefined))
  history(@Param('id') id: string): Promise<ArtifactSummaryDto[]> {
    return this.artifacts.history(id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a registration',
    description:
      'Deletes the registration, its artifact records, then its archives. Idempotent: 204 also for an unknown id.',
  })
  @ApiRegistrationId()
  @ApiNoContentResponse({ description: 'Deleted, or there was no such registration' })
  @ApiProblemResponses()
  delete(@Param('id') id: string): Promise<void> {
    return this.artifacts.deleteRegistration(id);
  }
}
