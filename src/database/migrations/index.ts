import { AdoptRegistrySchema1795311600000 } from './1795311600000-AdoptRegistrySchema';

/** In order. A landed migration is never edited: add a new one. */
export const MIGRATIONS = [AdoptRegistrySchema1795311600000];
