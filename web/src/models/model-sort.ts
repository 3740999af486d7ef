import type { Model } from './model-types';

export type SortKey = 'name' | 'version' | 'artifactVersion' | 'author' | 'owner';
export interface Sort {
  readonly key: SortKey;
  readonly direction: 'ascending' | 'descending';
}

const value: Record<SortKey, (model: Model) => string> = {
  name: (model) => model.modelId.modelName,
  version: (model) => model.modelId.modelVersion,
  artifactVersion: (model) => model.modelId.artifactVersion,
  author: (model) => model.modelInformation.metadata.author,
  owner: (model) => model.modelInformation.metadata.owner,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The page's models in the chosen order (numeric-aware: version 10 after 9). */
export function sortModels(models: readonly Model[], sort: Sort): Model[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...models].sort((a, b) => sign * collator.compare(value[sort.key](a), value[sort.key](b)));
}

/** Clicking a column sorts by it; clicking it again reverses the order. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
