import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const API_KEY_POLICY = 'apiKeyPolicy';
/** The same policy on the OpenAPI operation, so that the document can declare the key where the guard asks for it. */
export const API_KEY_POLICY_EXTENSION = 'x-api-key-policy';

export type ApiKeyPolicy = 'anonymous' | 'required';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one rule, for the guard and the document: does this method under this policy need a key? */
export function needsApiKey(
  method: string,
  policy: ApiKeyPolicy | undefined,
  protectReads: boolean,
): boolean {
  if (policy === 'anonymous') return false;
  return policy === 'required' || protectReads || !READ_METHODS.has(method.toUpperCase());
}

const withPolicy = (policy: ApiKeyPolicy) =>
  applyDecorators(SetMetadata(API_KEY_POLICY, policy), ApiExtension(API_KEY_POLICY_EXTENSION, policy));

/** Never asks for a key (probes, metrics). */
export const AllowAnonymous = () => withPolicy('anonymous');

/** Asks for a key whenever keys are configured, reads included (the assistant). */
export const RequireApiKey = () => withPolicy('required');
