import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import {
  ArtifactVersionUpdatedResponseDto,
  ModelInfoByNameResponseDto,
} from './dto/deprecated-model-response.dto';
import { ArtifactPathParamsDto } from './dto/model-path-params.dto';
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
  getModelInfo(@Param('modelName') modelName: string): Promise<ModelInfoByNameResponseDto> {
    return this.models.modelInfoByName(modelName);
  }
}
