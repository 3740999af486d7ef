import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonArrayChunks } from '../common/json-chunks';
import { sendJson } from '../common/json-response.writer';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { nextPageLink } from '../common/pagination';
import { ModelDiscoveryQueryDto } from './dto/model-discovery-query.dto';
import { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import { ModelsService } from './models.service';

@ApiTags('model discovery')
@Controller('ai-ml-model-discovery/v1/models')
export class ModelDiscoveryController {
  constructor(private readonly models: ModelsService) {}

  /**
   * All registrations, or those matching the name and/or version; 404 when both are given and nothing
   * matches. With `page-size`, one page in name/version order and a `Link: <…>; rel="next"` header.
   */
  @Get()
  @ApiOkResponse({
    type: [ModelRelatedInformationResponseDto],
    headers: {
      Link: {
        description: 'RFC 8288 rel="next" link to the next page, when paginating',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(400, 404)
  async discover(
    @Query() query: ModelDiscoveryQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.models.discoverPage(query);
    if (page.nextPageToken) reply.header('Link', nextPageLink(request.url, page.nextPageToken));
    // Streamed: a listing can be far larger than the memory the service may use.
    await sendJson(reply, jsonArrayChunks(page.models));
  }
}
