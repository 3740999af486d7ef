import type { Reading } from './clause-extractor';

export type Intent =
  | 'list_models'
  | 'get_model'
  | 'register_model'
  | 'update_model'
  | 'delete_model'
  | 'get_model_archive'
  | 'list_feature_groups'
  | 'create_feature_group'
  | 'list_training_jobs'
  | 'create_training_job'
  | 'training_job_status'
  | 'unsupported'
  | 'unknown';

/**
 * The request a reading makes, by the verbs and things it names; the more specific verbs win
 * (status, download and train over show; delete over change over create over list).
 */
export function classify(reading: Reading): Intent {
  const { verbs, things, slots, leftovers } = reading;
  const has = (verb: Parameters<typeof verbs.has>[0]) => verbs.has(verb);
  const names = (thing: (typeof things)[number]) => things.includes(thing);
  const listing = has('list') || has('count');

  if (has('archive')) return 'get_model_archive';
  if (has('status')) return 'training_job_status';
  if (has('train') && !(names('trainingJob') && listing && !has('register'))) return 'create_training_job';
  if (names('featureGroup') && !slots.model) {
    if (has('delete') || has('update')) return 'unsupported';
    return has('register') ? 'create_feature_group' : 'list_feature_groups';
  }
  if (names('trainingJob')) {
    if (has('register')) return 'create_training_job';
    if (has('delete') || has('update')) return 'unsupported';
    return slots.job || slots.id ? 'training_job_status' : 'list_training_jobs';
  }
  const named = Boolean(slots.model || slots.name || leftovers.length > 0);
  if (has('delete')) return 'delete_model';
  if (has('update')) return 'update_model';
  if (has('register')) return 'register_model';
  if (listing || names('model') || (named && slots.version)) {
    const version =
      slots.version ?? (leftovers.length > 1 || (slots.model && leftovers.length > 0) ? 'yes' : undefined);
    return named && version ? 'get_model' : 'list_models';
  }
  return 'unknown';
}
