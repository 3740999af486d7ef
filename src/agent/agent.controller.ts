import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireApiKey } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { takeOverResponse } from '../common/raw-response';
import { annotateAccessLine } from '../http/access-log.hook';
import { streamAnswer } from './agent-answer.stream';
import { AgentFailedFilter } from './agent-failed.filter';
import { AgentThrottlerGuard } from './agent-throttler.guard';
import { AgentService, AssistantRequestSummary } from './agent.service';
import { AgentResponseDto } from './dto/agent-response.dto';
import { GenerateContentDto } from './dto/generate-content.dto';
import { ModelInfoDto } from './dto/model-info.dto';
import { acceptsEventStream } from './server-sent-events.writer';

@ApiTags('assistant')
@Controller('experiment/agent')
// Chats can register models and cost LLM calls: with API_KEYS set, every endpoint needs a key.
@RequireApiKey()
@UseFilters(AgentFailedFilter)
export class AgentController {
  constructor(private readonly agent: AgentService) {}

  /** The LLM provider and model the assistant uses; 503 when the provider is not configured to serve. */
  @Get('modelInfo')
  @ApiOkResponse({ type: ModelInfoDto })
  @ApiProblemResponses(401, 503)
  modelInfo(): ModelInfoDto {
    return this.agent.modelInfo();
  }

  /**
   * Runs the assistant on one chat message, continuing `conversationId` when given; it may
   * register, list and show models through its tools. With `Accept: text/event-stream` the answer
   * streams as Server-Sent Events (`step`, `delta`, `error`, `done` with the envelope, last).
   */
  @Post('generate-content')
  @HttpCode(HttpStatus.OK)
  @UseGuards(AgentThrottlerGuard)
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({
    type: AgentResponseDto,
    description: 'The answer, with every tool call in response.steps (or the event stream)',
  })
  @ApiBadGatewayResponse({
    type: AgentResponseDto,
    description:
      'The LLM provider failed: the same envelope with action "failed", status "error" and error_message',
  })
  @ApiProblemResponses(400, 401, 404, 429, 503)
  async generateContent(
    @Body() body: GenerateContentDto,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Failures up to here (503, 404) are ordinary problem responses, also for a stream.
    const turn = {
      ...(await this.agent.begin(body)),
      report: (summary: AssistantRequestSummary, failed: boolean) =>
        annotateAccessLine(request, { assistant: summary }, failed),
    };
    if (acceptsEventStream(accept)) {
      const path = request.url.split('?')[0];
      await streamAnswer(this.agent, turn, takeOverResponse(reply), path);
      return;
    }
    await reply.code(HttpStatus.OK).send(await this.agent.answer(turn));
  }
}
