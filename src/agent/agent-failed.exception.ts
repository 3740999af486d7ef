import type { AgentResponseDto } from './dto/agent-response.dto';

/** The LLM failed: the request is answered 502 with this envelope (not problem details, as upstream's clients expect). */
export class AgentFailedException extends Error {
  constructor(readonly envelope: AgentResponseDto) {
    super(envelope.error_message ?? 'The LLM provider failed');
    this.name = 'AgentFailedException';
  }
}
