import type { Model, Registration, TargetEnvironment } from './model-types';

export interface MetadataEntry {
  key: string;
  value: string;
}

/** On edit: what happens to the stored target environments (SPEC §3, update semantics). */
export type EnvironmentMode = 'keep' | 'replace';

export interface ModelFormState {
  modelName: string;
  modelVersion: string;
  description: string;
  author: string;
  owner: string;
  inputDataType: string;
  outputDataType: string;
  modelLocation: string;
  environments: TargetEnvironment[];
  environmentMode: EnvironmentMode;
  metadata: MetadataEntry[];
}

export const EMPTY_FORM: ModelFormState = {
  modelName: '',
  modelVersion: '',
  description: '',
  author: '',
  owner: '',
  inputDataType: '',
  outputDataType: '',
  modelLocation: '',
  environments: [],
  environmentMode: 'replace',
  metadata: [],
};

export const EMPTY_ENVIRONMENT: TargetEnvironment = {
  platformName: '',
  environmentType: '',
  dependencyList: '',
};

/** A stored registration as the edit form starts: every field, the stored list kept by default. */
export function formOf(model: Model): ModelFormState {
  const { author, owner, ...custom } = model.modelInformation.metadata;
  return {
    modelName: model.modelId.modelName,
    modelVersion: model.modelId.modelVersion,
    description: model.description,
    author,
    owner,
    inputDataType: model.modelInformation.inputDataType,
    outputDataType: model.modelInformation.outputDataType,
    modelLocation: model.modelLocation,
    environments: model.modelInformation.targetEnvironment.map((environment) => ({ ...environment })),
    environmentMode: 'keep',
    metadata: Object.entries(custom).map(([key, value]) => ({ key, value })),
  };
}

/**
 * The request body. On edit with "keep", targetEnvironment is left out: the service keeps the
 * stored list; "replace" sends the list, and an empty list clears it.
 */
export function bodyOf(form: ModelFormState, editing: boolean): Registration {
  const metadata: Registration['modelInformation']['metadata'] = { author: form.author, owner: form.owner };
  for (const { key, value } of form.metadata) if (key.trim()) metadata[key.trim()] = value;
  const keep = editing && form.environmentMode === 'keep';
  return {
    modelId: { modelName: form.modelName.trim(), modelVersion: form.modelVersion.trim() },
    description: form.description,
    modelInformation: {
      metadata,
      inputDataType: form.inputDataType,
      outputDataType: form.outputDataType,
      ...(keep ? {} : { targetEnvironment: form.environments }),
    },
    modelLocation: form.modelLocation,
  };
}

/** What the save will do to the stored environment list, in words. */
export function environmentEffect(form: ModelFormState, stored: number): string {
  if (form.environmentMode === 'keep')
    return `The stored list (${stored} environment${stored === 1 ? '' : 's'}) is kept: targetEnvironment is not sent.`;
  if (form.environments.length === 0) return 'The stored list is cleared: targetEnvironment is sent as [].';
  return `The stored list is replaced by the ${form.environments.length} below.`;
}
