import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireApiKey } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { EXAMPLE_ID } from '../common/openapi-examples';
import { AgentConversationService, conversationNotFound } from './agent-conversation.service';
import { ConversationTranscriptDto } from './dto/conversation-transcript.dto';

/** No example, so that Swagger UI asks for a real one. */
const ApiConversationId = () =>
  ApiParam({ name: 'id', description: 'The conversation id: conversationId of a generate-content answer' });

@ApiTags('assistant')
@Controller('experiment/agent/conversations')
// A transcript holds what a user said: as protected as the chat itself.
@RequireApiKey()
export class AgentConversationController {
  constructor(private readonly conversations: AgentConversationService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'Read a conversation',
    description: "The conversation's stored turns, oldest first; 404 when unknown, deleted or expired.",
  })
  @ApiConversationId()
  @ApiOkResponse({ type: ConversationTranscriptDto, description: 'The conversation' })
  @ApiProblemResponses(401, conversationNotFound(EXAMPLE_ID))
  transcript(@Param('id') id: string): Promise<ConversationTranscriptDto> {
    return this.conversations.transcript(id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Forget a conversation', description: 'Deletes its stored turns now.' })
  @ApiConversationId()
  @ApiNoContentResponse({ description: 'Forgotten' })
  @ApiProblemResponses(401, conversationNotFound(EXAMPLE_ID))
  forget(@Param('id') id: string): Promise<void> {
    return this.conversations.forget(id);
  }
}
