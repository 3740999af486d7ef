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
import {
  ApiBadGatewayResponse,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireApiKey } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { DependencyUnavailableException, InvalidRequestException } from '../common/domain.exception';
import { EXAMPLE_CONVERSATION_ID } from '../common/openapi-examples';
import { takeOverResponse } from '../common/raw-response';
import { annotateAccessLine } from '../http/access-log.hook';
import { streamAnswer } from './agent-answer.stream';
import { conversationNotFound } from './agent-conversation.service';
import { AgentFailedFilter } from './agent-failed.filter';
import { AgentThrottlerGuard, tooManyAssistantRequests } from './agent-throttler.guard';
import { AgentService } from './agent.service';
import { AgentResponseDto } from './dto/agent-response.dto';
import { EXAMPLE_PROMPT, GenerateContentDto } from './dto/generate-content.dto';
import { ModelInfoDto } from './dto/model-info.dto';
import { OPENAI_NOT_CONFIGURED } from './llm-provider';
import { acceptsEventStream } from './server-sent-events.writer';
import { requestPath } from '../http/request-path';

const PROVIDER_NOT_CONFIGURED = new DependencyUnavailableException(OPENAI_NOT_CONFIGURED);

/** The 502 of the example prompt when the provider times out (LLM_TIMEOUT_MS, 30 s by default). */
const PROVIDER_FAILED: AgentResponseDto = {
  action: 'failed',
  request: { text: EXAMPLE_PROMPT },
  response: { result: null, steps: [] },
  status: 'error',
  error_message: 'The LLM provider did not answer within 30000 ms',
  conversationId: EXAMPLE_CONVERSATION_ID,
};

@ApiTags('assistant')
// The body is documented by reference: ApiBody takes examples only beside a schema.
@ApiExtraModels(GenerateContentDto)
@Controller('experiment/agent')
// Chats can register models and cost LLM calls: with API_KEYS set, every endpoint needs a key.
@RequireApiKey()
@UseFilters(AgentFailedFilter)
export class AgentController {
  constructor(private readonly agent: AgentService) {}

  @Get('modelInfo')
  @ApiOperation({
    summary: "The assistant's LLM and tools",
    description:
      'The LLM provider and model the assistant uses; 503 when the provider is not configured to serve.',
  })
  @ApiOkResponse({ type: ModelInfoDto, description: 'The provider, its model and the tools offered' })
  @ApiProblemResponses(401, PROVIDER_NOT_CONFIGURED)
  modelInfo(): Promise<ModelInfoDto> {
    return this.agent.modelInfo();
  }

  @Post('generate-content')
  @HttpCode(HttpStatus.OK)
  @UseGuards(AgentThrottlerGuard)
  @ApiOperation({
    summary: 'Ask the assistant',
    description:
      'Runs the assistant on one chat message, continuing `conversationId` when given; it may register, ' +
      'list and show models through its tools. With `Accept: text/event-stream` the answer streams as ' +
      'Server-Sent Events (`step`, `delta`, `error`, `done` with the envelope, last).',
  })
  @ApiBody({
    schema: { $ref: getSchemaPath(GenerateContentDto) },
    examples: {
      register: {
        summary: 'Register a model in words (a new conversation)',
        value: { text: EXAMPLE_PROMPT },
      },
    },
  })
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({
    type: AgentResponseDto,
    description: 'The answer, with every tool call in response.steps (or the event stream)',
  })
  // JSON only: a streamed answer reports the failure in its 200 stream (an `error` event, then `done`).
  @ApiBadGatewayResponse({
    description:
      'The LLM provider failed: the same envelope with action "failed", status "error" and error_message',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AgentResponseDto) }, example: PROVIDER_FAILED },
    },
  })
  @ApiProblemResponses(
    new InvalidRequestException('text: text is required'),
    401,
    conversationNotFound(EXAMPLE_CONVERSATION_ID),
    tooManyAssistantRequests(60, 42),
    PROVIDER_NOT_CONFIGURED,
  )
  async generateContent(
    @Body() body: GenerateContentDto,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Failures up to here (503, 404) are ordinary problem responses, also for a stream.
    const turn = await this.agent.begin(body, (summary, failed) =>
      annotateAccessLine(request, { assistant: summary }, failed),
    );
    if (acceptsEventStream(accept)) {
      await streamAnswer(this.agent, turn, takeOverResponse(reply), requestPath(request.url));
      return;
    }
    await reply.code(HttpStatus.OK).send(await this.agent.answer(turn));
  }
}
