import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LLM_PROVIDER, LlmProvider } from './llm-provider';

type LlmProviderClass = new (config: AppConfig['llm']) => LlmProvider;

/**
 * LLM_PROVIDER value → implementation, loaded only when chosen (the openai client is not small).
 * A new provider is one class and one line here.
 */
export const LLM_PROVIDERS: Record<AppConfig['llm']['provider'], () => Promise<LlmProviderClass>> = {
  stub: async () => (await import('./stub-llm.provider.js')).StubLlmProvider,
  openai: async () => (await import('./openai-compatible-llm.provider.js')).OpenAiCompatibleProvider,
};

export const llmProviderFactory: FactoryProvider<LlmProvider> = {
  provide: LLM_PROVIDER,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => new (await LLM_PROVIDERS[config.llm.provider]())(config.llm),
};
