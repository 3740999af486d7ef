import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireApiKey } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { AgentFailedFilter } from './agent-failed.filter';
import { AgentThrottlerGuard } from './agent-throttler.guard';
import { AgentService } from './agent.service';
import { AgentResponseDto } from './dto/agent-response.dto';
import { GenerateContentDto } from './dto/generate-content.dto';
import { ModelInfoDto } from './dto/model-info.dto';

@ApiTags('assistant')
@Controller('experiment/agent')
// Chats can register models and cost LLM calls: with API_KEYS set, both endpoints need a key.
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

  /** Runs the assistant on one chat message; it may register, list and show models through its tools. */
  @Post('generate-content')
  @HttpCode(HttpStatus.OK)
  @UseGuards(AgentThrottlerGuard)
  @ApiOkResponse({
    type: AgentResponseDto,
    description: 'The answer, with every tool call in response.steps',
  })
  @ApiBadGatewayResponse({
    type: AgentResponseDto,
    description:
      'The LLM provider failed: the same envelope with action "failed", status "error" and error_message',
  })
  @ApiProblemResponses(400, 401, 429, 503)
  generateContent(@Body() body: GenerateContentDto): Promise<AgentResponseDto> {
    return this.agent.generate(body.text);
  }
}
