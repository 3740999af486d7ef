import type { components } from '../api/schema';

export type Model = components['schemas']['ModelRelatedInformationResponseDto'];
export type Registration = components['schemas']['ModelRegistrationDto'];
export type TargetEnvironment = components['schemas']['TargetEnvironmentDto'];
export type ArtifactSummary = components['schemas']['ArtifactSummaryDto'];
