import type { Reading, Slot } from './clause-extractor';
import type { Intent } from './intent-classifier';

export type ArgValue = string | number | boolean;

/** One request being put together, possibly over several turns. */
export interface Frame {
  readonly intent: Intent;
  readonly args: Readonly<Record<string, ArgValue>>;
  /** A value that had more words than its field takes, e.g. a model name with a space. */
  readonly ambiguous?: { readonly field: string; readonly words: string };
  /** delete_model answered "confirmation required": the next turn answers yes or no. */
  readonly awaitingConfirmation?: boolean;
}

const MODEL_FIELDS: Partial<Record<Slot, string>> = {
  model: 'modelName',
  name: 'modelName',
  version: 'modelVersion',
  description: 'description',
  author: 'author',
  owner: 'owner',
  input: 'inputDataType',
  output: 'outputDataType',
  location: 'modelLocation',
};

/** Which slot fills which tool argument, per intent. */
const FIELDS: Partial<Record<Intent, Partial<Record<Slot, string>>>> = {
  list_models: { model: 'modelName', name: 'modelName' },
  get_model: { model: 'modelName', name: 'modelName', version: 'modelVersion' },
  register_model: MODEL_FIELDS,
  update_model: MODEL_FIELDS,
  delete_model: { model: 'modelName', name: 'modelName', version: 'modelVersion' },
  get_model_archive: { model: 'modelName', name: 'modelName', version: 'modelVersion' },
  create_feature_group: {
    featureGroup: 'featuregroup_name',
    name: 'featuregroup_name',
    features: 'feature_list',
    host: 'host',
    port: 'port',
    bucket: 'bucket',
    token: 'token',
    measurement: 'measurement',
    org: 'db_org',
  },
  create_training_job: {
    model: 'modelName',
    name: 'modelName',
    version: 'modelVersion',
    featureGroup: 'featureGroupName',
    pipeline: 'trainingPipelineName',
    pipelineVersion: 'trainingPipelineVersion',
    epochs: 'epochs',
    description: 'description',
  },
  training_job_status: { job: 'trainingJobId', id: 'trainingJobId' },
};

/** Required arguments, in the order they are asked for. */
export const REQUIRED: Partial<Record<Intent, readonly string[]>> = {
  get_model: ['modelName', 'modelVersion'],
  register_model: ['modelName', 'modelVersion', 'author', 'description', 'inputDataType', 'outputDataType'],
  update_model: ['modelName', 'modelVersion'],
  delete_model: ['modelName', 'modelVersion'],
  get_model_archive: ['modelName', 'modelVersion'],
  create_feature_group: [
    'featuregroup_name',
    'feature_list',
    'host',
    'port',
    'bucket',
    'token',
    'measurement',
    'db_org',
  ],
  create_training_job: ['modelName', 'modelVersion', 'trainingPipelineName'],
  training_job_status: ['trainingJobId'],
};

/** Fields read as several words (up to the next clause) or as a list, when given as a bare answer. */
export const MULTI_WORD_FIELDS = new Set(['description', 'author', 'owner']);
export const LIST_FIELDS = new Set(['inputDataType', 'outputDataType', 'feature_list']);
const INTEGER_FIELDS = new Set(['trainingJobId', 'epochs']);
/** Fields that take one word: a second word is asked about, never dropped. */
const ONE_WORD_FIELDS = new Set([
  'modelName',
  'modelVersion',
  'featuregroup_name',
  'featureGroupName',
  'trainingPipelineName',
]);

/** The fields update_model can change. */
export const UPDATABLE = [
  'description',
  'author',
  'owner',
  'inputDataType',
  'outputDataType',
  'modelLocation',
];

/** The arguments a reading gives for an intent; `leftovers` fill a missing name (and version) when allowed. */
export function frameFrom(reading: Reading, intent: Intent, useLeftovers = true): Frame {
  const fields = FIELDS[intent] ?? {};
  const args: Record<string, ArgValue> = {};
  let ambiguous: Frame['ambiguous'];
  for (const [slot, value] of Object.entries(reading.slots) as Array<[Slot, string]>) {
    const field = fields[slot];
    if (!field || args[field] !== undefined) continue;
    const extra = reading.ambiguous[slot];
    if (extra && ONE_WORD_FIELDS.has(field)) {
      ambiguous ??= { field, words: extra };
      continue;
    }
    args[field] = INTEGER_FIELDS.has(field) ? toInteger(value) : value;
  }
  if (useLeftovers) fillFromLeftovers(intent, args, [...reading.leftovers]);
  for (const [field, value] of Object.entries(args)) if (Number.isNaN(value)) delete args[field];
  return { intent, args, ...(ambiguous ? { ambiguous } : {}) };
}

function fillFromLeftovers(intent: Intent, args: Record<string, ArgValue>, leftovers: string[]): void {
  if (intent === 'training_job_status') {
    const id = leftovers.find((word) => /^#?\d+$/.test(word));
    if (args.trainingJobId === undefined && id) args.trainingJobId = toInteger(id);
    return;
  }
  if (intent === 'create_feature_group') {
    if (args.featuregroup_name === undefined && leftovers[0]) args.featuregroup_name = leftovers[0];
    return;
  }
  const fields = FIELDS[intent] ?? {};
  if (!Object.values(fields).includes('modelName')) return;
  if (args.modelName === undefined && leftovers.length > 0) args.modelName = leftovers.shift()!;
  if (
    Object.values(fields).includes('modelVersion') &&
    args.modelVersion === undefined &&
    leftovers.length > 0
  ) {
    args.modelVersion = leftovers.shift()!;
  }
}

function toInteger(value: string): number {
  const digits = /^#?(\d+)(번|번째)?$/.exec(value.trim());
  return digits ? Number(digits[1]) : Number.NaN;
}

/** The first required field still missing (update_model also needs one change). */
export function missingFields(frame: Frame): string[] {
  const missing = (REQUIRED[frame.intent] ?? []).filter((field) => frame.args[field] === undefined);
  if (frame.intent === 'update_model' && !UPDATABLE.some((field) => frame.args[field] !== undefined)) {
    missing.push('change');
  }
  return missing;
}

/** A bare answer ("alice", "1", "QoE prediction for cells") to the question about `field`. */
export function answerFor(field: string, text: string, reading: Reading): ArgValue | undefined {
  if (MULTI_WORD_FIELDS.has(field)) {
    const value = text
      .trim()
      .replace(/^(it'?s|it is|that'?s|that is|the \w+ is)\s+/i, '')
      .replace(/[.!?]+$/, '')
      .replace(/\s*(입니다|이에요|예요|요)$/, '')
      .trim();
    return value === '' ? undefined : value;
  }
  if (LIST_FIELDS.has(field)) {
    const parts = reading.leftovers.flatMap((word) => word.split(',')).filter((part) => part !== '');
    return parts.length > 0 ? parts.join(',') : undefined;
  }
  if (INTEGER_FIELDS.has(field)) {
    const number = reading.leftovers.map(toInteger).find((value) => !Number.isNaN(value));
    return number;
  }
  return reading.leftovers.length === 1 ? reading.leftovers[0] : undefined;
}
