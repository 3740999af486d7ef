import type { components } from '../api/schema';

export type AgentStep = components['schemas']['AgentStepDto'];
export type AgentResponse = components['schemas']['AgentResponseDto'];

export type ChatMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; steps: AgentStep[]; error: string | null; done: boolean };
