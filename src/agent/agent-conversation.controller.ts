import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireApiKey } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { AgentConversationService } from './agent-conversation.service';
import { ConversationTranscriptDto } from './dto/conversation-transcript.dto';

@ApiTags('assistant')
@Controller('experiment/agent/conversations')
// A transcript holds what a user said: as protected as the chat itself.
@RequireApiKey()
export class AgentConversationController {
  constructor(private readonly conversations: AgentConversationService) {}

  /** The conversation's stored turns, oldest first; 404 when unknown, deleted or expired. */
  @Get(':id')
  @ApiOkResponse({ type: ConversationTranscriptDto })
  @ApiProblemResponses(401, 404)
  transcript(@Param('id') id: string): Promise<ConversationTranscriptDto> {
    return this.conversations.transcript(id);
  }

  /** Forgets the conversation now. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Forgotten' })
  @ApiProblemResponses(401, 404)
  forget(@Param('id') id: string): Promise<void> {
    return this.conversations.forget(id);
  }
}
