import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ArtifactPathParamsDto } from '../models/dto/model-path-params.dto';
import { ArtifactDownloadService } from './artifact-download.service';

@ApiTags('model archives')
@Controller('ai-ml-model-registration/v1')
export class ArtifactDownloadController {
  constructor(private readonly downloads: ArtifactDownloadService) {}

  /** Streams the archive. HEAD, `Range` (one range), `If-None-Match` and `If-Range` are honoured. */
  @Get('downloadModel/:modelName/:modelVersion/:artifactVersion/model.zip')
  @ApiProduces('application/zip')
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range, e.g. bytes=0-1023' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier download' })
  @ApiOkResponse({
    description:
      "The archive; ETag is its quoted SHA-256, or S3's ETag for an archive without a record (a training pipeline's, a Go-era one)",
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested range',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match matched)' })
  @ApiProblemResponses(400, 404, 416, 503)
  download(
    @Param() artifact: ArtifactPathParamsDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.downloads.download(artifact, request.raw, reply);
  }
}
