import { AgentConversation } from '../agent/entities/agent-conversation.entity';
import { ModelArtifact } from '../artifacts/entities/model-artifact.entity';
import { ModelRelatedInformation } from '../models/entities/model-related-information.entity';
import { TargetEnvironment } from '../models/entities/target-environment.entity';

/** Every entity the service maps; the app, the migration runner and the TypeORM CLI share this list. */
export const DATABASE_ENTITIES = [
  ModelRelatedInformation,
  TargetEnvironment,
  ModelArtifact,
  AgentConversation,
];
