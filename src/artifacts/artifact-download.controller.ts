import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_MODEL } from '../common/openapi-examples';
import { ArtifactPathParamsDto, invalidArtifactVersionInPath } from '../models/dto/model-path-params.dto';
import { archiveNotFound, ArtifactDownloadService } from './artifact-download.service';
import { ArtifactStoreUnavailableException } from './artifact-store.exception';
import { RangeNotSatisfiableException } from './range-not-satisfiable.exception';

const downloadPath = (artifactVersion: string) =>
  `/ai-ml-model-registration/v1/downloadModel/${EXAMPLE_MODEL.modelName}/${EXAMPLE_MODEL.modelVersion}/${artifactVersion}/model.zip`;

@ApiTags('model archives')
@Controller('ai-ml-model-registration/v1')
export class ArtifactDownloadController {
  constructor(private readonly downloads: ArtifactDownloadService) {}

  @Get('downloadModel/:modelName/:modelVersion/:artifactVersion/model.zip')
  @ApiOperation({
    summary: "Download a model's archive",
    description:
      'Streams the archive. HEAD, `Range` (one range), `If-None-Match` and `If-Range` are honoured.',
  })
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
  @ApiProblemResponses(
    invalidArtifactVersionInPath(downloadPath('1.0')),
    { ...archiveNotFound({ ...EXAMPLE_MODEL, artifactVersion: '1.1.0' }), instance: downloadPath('1.1.0') },
    new RangeNotSatisfiableException(5120),
    new ArtifactStoreUnavailableException(undefined),
  )
  download(
    @Param() artifact: ArtifactPathParamsDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.downloads.download(artifact, request.raw, reply);
  }
}
