import { SetMetadata } from '@nestjs/common';

export const API_KEY_POLICY = 'apiKeyPolicy';

export type ApiKeyPolicy = 'anonymous' | 'required';

/** Never asks for a key (probes, metrics). */
export const AllowAnonymous = () => SetMetadata(API_KEY_POLICY, 'anonymous' satisfies ApiKeyPolicy);

/** Asks for a key whenever keys are configured, reads included (the assistant). */
export const RequireApiKey = () => SetMetadata(API_KEY_POLICY, 'required' satisfies ApiKeyPolicy);
