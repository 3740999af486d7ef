import { Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_MISSING_VERSION, EXAMPLE_MODEL } from '../common/openapi-examples';
import { sendJson } from '../common/json-response.writer';
import {
  ArtifactVersionUpdatedResponseDto,
  ModelInfoByNameResponseDto,
} from './dto/deprecated-model-response.dto';
import { ArtifactPathParamsDto, invalidArtifactVersionInPath } from './dto/model-path-params.dto';
import { modelInfoChunks } from './model-info.serializer';
import { ModelsService, notRegistered } from './models.service';

const updateArtifactPath = (modelVersion: string, artifactVersion: string) =>
  `/ai-ml-model-registration/v1/model-registrations/updateArtifact/${EXAMPLE_MODEL.modelName}/${modelVersion}/${artifactVersion}`;

/** Go-service endpoints that AIMLFW pipelines still call; kept as they answered. */
@ApiTags('deprecated')
@Controller('ai-ml-model-registration/v1')
export class DeprecatedModelController {
  constructor(private readonly models: ModelsService) {}

  @Post('model-registrations/updateArtifact/:modelName/:modelVersion/:artifactVersion')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    deprecated: true,
    summary: 'Use uploadModel, which sets the artifact version itself',
    description:
      "Sets the registration's artifact version (no body), whether or not an archive of that version was uploaded.",
  })
  @ApiOkResponse({ type: ArtifactVersionUpdatedResponseDto, description: 'The artifact version is set' })
  @ApiProblemResponses(invalidArtifactVersionInPath(updateArtifactPath(EXAMPLE_MODEL.modelVersion, '1.0')), {
    ...notRegistered(EXAMPLE_MODEL.modelName, EXAMPLE_MISSING_VERSION),
    instance: updateArtifactPath(EXAMPLE_MISSING_VERSION, '1.0.0'),
  })
  async updateArtifact(@Param() params: ArtifactPathParamsDto): Promise<ArtifactVersionUpdatedResponseDto> {
    return {
      modelinfo: await this.models.setArtifactVersion(
        params.modelName,
        params.modelVersion,
        params.artifactVersion,
      ),
    };
  }

  @Get('getModelInfo/:modelName')
  @ApiOperation({
    deprecated: true,
    summary: 'Use GET /ai-ml-model-discovery/v1/models?model-name=…',
    description:
      "The registrations of every version of the model, as JSON text inside the Go service's envelope.",
  })
  @ApiParam({ name: 'modelName', description: 'The model name', example: EXAMPLE_MODEL.modelName })
  @ApiOkResponse({
    type: ModelInfoByNameResponseDto,
    description: 'The registrations; data is "[]" when none',
  })
  @ApiProblemResponses()
  async getModelInfo(@Param('modelName') modelName: string, @Res() reply: FastifyReply): Promise<void> {
    // Streamed, like discovery: `data` holds every registration of the name.
    await sendJson(reply, modelInfoChunks(modelName, await this.models.modelInfoByName(modelName)));
  }
}
