export class LlmInfoDto {
  /** The model the provider calls (LLM_MODEL). @example "stub-intent-parser" */
  model: string;

  /** The LLM_PROVIDER in use. @example "stub" */
  provider: string;
}

/** `GET /experiment/agent/modelInfo` answer. */
export class ModelInfoDto {
  llm: LlmInfoDto;
}
