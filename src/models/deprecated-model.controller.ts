import { Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { sendJson } from '../common/json-response.writer';
import {
  ArtifactVersionUpdatedResponseDto,
  ModelInfoByNameResponseDto,
} from './dto/deprecated-model-response.dto';
import { ArtifactPathParamsDto } from './dto/model-path-params.dto';
import { modelInfoChunks } from './model-info.serializer';
import { ModelsService } from './models.service';

/** Go-service endpoints that AIMLFW pipelines still call; kept as they answered. */
@ApiTags('deprecated')
@Controller('ai-ml-model-registration/v1')
export class DeprecatedModelController {
  constructor(private readonly models: ModelsService) {}

  /** Sets the registration's artifact version (no body). Uploading an archive does this by itself. */
  @Post('model-registrations/updateArtifact/:modelName/:modelVersion/:artifactVersion')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ deprecated: true, summary: 'Use uploadModel, which sets the artifact version itself' })
  @ApiOkResponse({ type: ArtifactVersionUpdatedResponseDto })
  @ApiProblemResponses(400, 404)
  async updateArtifact(@Param() params: ArtifactPathParamsDto): Promise<ArtifactVersionUpdatedResponseDto> {
    return {
      modelinfo: await this.models.setArtifactVersion(
        params.modelName,
        params.modelVersion,
        params.artifactVersion,
      ),
    };
  }

  /** The model's registrations as JSON text inside the Go service's envelope; `"[]"` when none. */
  @Get('getModelInfo/:modelName')
  @ApiOperation({ deprecated: true, summary: 'Use GET /ai-ml-model-discovery/v1/models?model-name=…' })
  @ApiOkResponse({ type: ModelInfoByNameResponseDto })
  async getModelInfo(@Param('modelName') modelName: string, @Res() reply: FastifyReply): Promise<void> {
    // Streamed, like discovery: `data` holds every registration of the name.
    await sendJson(reply, modelInfoChunks(modelName, await this.models.modelInfoByName(modelName)));
  }
}
