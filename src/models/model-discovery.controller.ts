import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ModelDiscoveryQueryDto } from './dto/model-discovery-query.dto';
import { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import { ModelsService } from './models.service';

@ApiTags('model discovery')
@Controller('ai-ml-model-discovery/v1/models')
export class ModelDiscoveryController {
  constructor(private readonly models: ModelsService) {}

  /** All registrations, or those matching the name and/or version; 404 when both are given and nothing matches. */
  @Get()
  @ApiOkResponse({ type: [ModelRelatedInformationResponseDto] })
  @ApiProblemResponses(400, 404)
  discover(@Query() query: ModelDiscoveryQueryDto): Promise<ModelRelatedInformationResponseDto[]> {
    return this.models.discover(query);
  }
}
