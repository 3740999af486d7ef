import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { ModelsModule } from '../models/models.module';
import { AgentConversationController } from './agent-conversation.controller';
import { AgentConversationRepository } from './agent-conversation.repository';
import { AgentConversationService } from './agent-conversation.service';
import { AgentConversationSweeper } from './agent-conversation.sweeper';
import { AgentController } from './agent.controller';
import { AgentService } from './agent.service';
import { llmProviderFactory } from './llm-provider.factory';
import { RegistryTools } from './registry-tools';
import { WorkflowTools } from './workflow/workflow-tools';

/** The assistant the AIMLFW dashboard's chatbot calls (`/experiment/agent/*`). */
@Module({
  imports: [
    ModelsModule,
    ArtifactsModule,
    // Every chat may cost an LLM call: a per-client budget keeps one client from spending it all.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.llm.rateLimitPerMinute }],
    }),
  ],
  controllers: [AgentController, AgentConversationController],
  providers: [
    AgentService,
    RegistryTools,
    WorkflowTools,
    llmProviderFactory,
    AgentConversationRepository,
    AgentConversationService,
    AgentConversationSweeper,
  ],
})
export class AgentModule {}
