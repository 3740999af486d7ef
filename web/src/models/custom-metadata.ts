import type { Model } from './model-types';

/** The metadata keys beside author and owner: the registration's custom metadata. */
export function customMetadata(model: Model): [string, string][] {
  return Object.entries(model.modelInformation.metadata).filter(
    ([key]) => key !== 'author' && key !== 'owner',
  );
}
