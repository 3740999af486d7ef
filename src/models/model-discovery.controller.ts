import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from '../common/json-response.writer';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_MISSING_VERSION, EXAMPLE_MODEL } from '../common/openapi-examples';
import { nextPageLink } from '../common/pagination';
import { ModelDiscoveryQueryDto } from './dto/model-discovery-query.dto';
import { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import { invalidPageToken, ModelsService, notRegistered } from './models.service';

@ApiTags('model discovery')
@Controller('ai-ml-model-discovery/v1/models')
export class ModelDiscoveryController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @ApiOperation({
    summary: 'List registrations',
    description:
      'All registrations, or those matching the name and/or version; 404 when both are given and nothing ' +
      'matches. With `page-size`, one page in name/version order and a `Link: <…>; rel="next"` header.',
  })
  @ApiOkResponse({
    type: [ModelRelatedInformationResponseDto],
    description: 'The matching registrations ([] when none match a name or a version alone)',
    headers: {
      Link: {
        description: 'RFC 8288 rel="next" link to the next page, when paginating',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(invalidPageToken(), notRegistered(EXAMPLE_MODEL.modelName, EXAMPLE_MISSING_VERSION))
  async discover(
    @Query() query: ModelDiscoveryQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.models.discoverJson(query);
    if (answer.nextPageToken) reply.header('Link', nextPageLink(request.url, answer.nextPageToken));
    // Streamed: a listing can be far larger than the memory the service may use.
    await sendJson(reply, answer.json);
  }
}
