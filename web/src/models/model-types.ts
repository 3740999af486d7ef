import type { components } from '../api/schema';

export type Model = components['schemas']['ModelRelatedInformationResponseDto'];
export type Registration = components['schemas']['ModelRegistrationDto'];
export type TargetEnvironment = components['schemas']['TargetEnvironmentDto'];
export type ArtifactSummary = components['schemas']['ArtifactSummaryDto'];

/** The metadata keys beside author and owner: the registration's custom metadata. */
export function customMetadata(model: Model): [string, string][] {
  return Object.entries(model.modelInformation.metadata).filter(
    ([key]) => key !== 'author' && key !== 'owner',
  );
}
