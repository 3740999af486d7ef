import { AdoptRegistrySchema1795311600000 } from './1795311600000-AdoptRegistrySchema';
import { CreateModelArtifacts1795315200000 } from './1795315200000-CreateModelArtifacts';
import { CreateAgentConversations1795318800000 } from './1795318800000-CreateAgentConversations';
import { AddCustomMetadata1795322400000 } from './1795322400000-AddCustomMetadata';
import { AddListingBytes1795329600000 } from './1795329600000-AddListingBytes';

/** In order. A landed migration is never edited: add a new one. */
export const MIGRATIONS = [
  AdoptRegistrySchema1795311600000,
  CreateModelArtifacts1795315200000,
  CreateAgentConversations1795318800000,
  AddCustomMetadata1795322400000,
  AddListingBytes1795329600000,
];
