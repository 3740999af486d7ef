export class LlmInfoDto {
  /** The model the provider calls (LLM_MODEL). @example "stub-intent-parser" */
  model: string;

  /** The LLM_PROVIDER in use. @example "stub" */
  provider: string;
}

export class TrainingManagerInfoDto {
  /** TM_URL, or null when it is empty. @example "http://tm.traininghost:32002" */
  url: string | null;

  /** Whether the Training Manager answered the last check: the workflow tools are offered only then. */
  available: boolean;

  /** Why it is not available (null when it is). @example "The Training Manager at http://tm.traininghost:32002 is unreachable (ECONNREFUSED)" */
  reason: string | null;
}

/** `GET /experiment/agent/modelInfo` answer. */
export class ModelInfoDto {
  llm: LlmInfoDto;

  /** The tools the assistant offers the model now. @example ["register_model","list_models","get_model"] */
  tools: string[];

  trainingManager: TrainingManagerInfoDto;
}
