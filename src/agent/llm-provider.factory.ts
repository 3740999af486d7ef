import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LLM_PROVIDER, LlmProvider } from './llm-provider';
import { OpenAiCompatibleProvider } from './openai-compatible-llm.provider';
import { StubLlmProvider } from './stub-llm.provider';

/** LLM_PROVIDER value → implementation. A new provider is one class and one line here. */
export const LLM_PROVIDERS: Record<
  AppConfig['llm']['provider'],
  new (config: AppConfig['llm']) => LlmProvider
> = {
  stub: StubLlmProvider,
  openai: OpenAiCompatibleProvider,
};

export const llmProviderFactory: FactoryProvider<LlmProvider> = {
  provide: LLM_PROVIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new LLM_PROVIDERS[config.llm.provider](config.llm),
};
