import { Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { StreamedBody } from '../http/streamed-body.decorator';
import { ModelPathParamsDto } from '../models/dto/model-path-params.dto';
import { ArtifactUploadService } from './artifact-upload.service';
import { ModelUploadedResponseDto } from './dto/model-uploaded-response.dto';
import { ARCHIVE_FIELD } from './multipart-archive.reader';

@ApiTags('model archives')
@Controller('ai-ml-model-registration/v1')
export class ArtifactUploadController {
  constructor(private readonly uploads: ArtifactUploadService) {}

  /**
   * Stores a .zip archive as the model's next artifact version (0.0.0 → 1.0.0, then 1.x.0 → 1.(x+1).0)
   * and makes it the registration's artifactVersion. The body is streamed, never buffered.
   */
  @Post('uploadModel/:modelName/:modelVersion')
  @HttpCode(HttpStatus.OK)
  @StreamedBody()
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
  @ApiOkResponse({ type: ModelUploadedResponseDto })
  @ApiProblemResponses(400, 404, 409, 413, 415, 503, 507)
  upload(
    @Param() model: ModelPathParamsDto,
    @Req() request: FastifyRequest,
  ): Promise<ModelUploadedResponseDto> {
    return this.uploads.upload(model, request.raw);
  }
}
