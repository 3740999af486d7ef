import { Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_MISSING_VERSION, EXAMPLE_MODEL } from '../common/openapi-examples';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../config/app-config';
import { StreamedBody } from '../http/streamed-body.decorator';
import { MAX_ARTIFACT_VERSION_NUMBER } from '../models/dto/model-registration.dto';
import { ModelPathParamsDto } from '../models/dto/model-path-params.dto';
import { notRegistered } from '../models/models.service';
import { ArtifactStoreFullException, ArtifactStoreUnavailableException } from './artifact-store.exception';
import { ArtifactUploadService } from './artifact-upload.service';
import { NoArtifactVersionLeftException } from './artifact-version.exception';
import { ModelUploadedResponseDto } from './dto/model-uploaded-response.dto';
import { ARCHIVE_FIELD, noFilePart } from './multipart-archive.reader';
import { notZip, uploadTooLarge } from './zip-archive.inspector';

@ApiTags('model archives')
@Controller('ai-ml-model-registration/v1')
export class ArtifactUploadController {
  constructor(private readonly uploads: ArtifactUploadService) {}

  @Post('uploadModel/:modelName/:modelVersion')
  @HttpCode(HttpStatus.OK)
  @StreamedBody()
  @ApiOperation({
    summary: "Upload a model's archive",
    description:
      "Stores a .zip archive as the model's next artifact version (0.0.0 → 1.0.0, then 1.x.0 → 1.(x+1).0) " +
      "and makes it the registration's artifactVersion. The body is streamed, never buffered; at most " +
      'MAX_UPLOAD_BYTES.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [ARCHIVE_FIELD],
      properties: {
        [ARCHIVE_FIELD]: { type: 'string', format: 'binary', description: 'The model archive (.zip)' },
      },
    },
  })
  @ApiOkResponse({ type: ModelUploadedResponseDto, description: 'Stored as the new artifact version' })
  @ApiProblemResponses(
    noFilePart(),
    {
      ...notRegistered(EXAMPLE_MODEL.modelName, EXAMPLE_MISSING_VERSION),
      instance: `/ai-ml-model-registration/v1/uploadModel/${EXAMPLE_MODEL.modelName}/${EXAMPLE_MISSING_VERSION}`,
    },
    new NoArtifactVersionLeftException(EXAMPLE_MODEL, `1.${MAX_ARTIFACT_VERSION_NUMBER}.0`),
    uploadTooLarge(DEFAULT_MAX_UPLOAD_BYTES),
    notZip(),
    new ArtifactStoreUnavailableException(undefined),
    new ArtifactStoreFullException('ENOSPC'),
  )
  upload(
    @Param() model: ModelPathParamsDto,
    @Req() request: FastifyRequest,
  ): Promise<ModelUploadedResponseDto> {
    return this.uploads.upload(model, request.raw);
  }
}
