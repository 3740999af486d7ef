import type { OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';
import { API_KEY_POLICY_EXTENSION, ApiKeyPolicy, needsApiKey } from './api-key.decorators';
import { problemResponse } from './api-problem-responses.decorator';

export const API_KEY_SCHEME = 'api-key';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * With API_KEYS, every operation the guard protects carries the security requirement and its 401, so
 * that Swagger UI's Authorize sends the key; without keys the document declares none. The policy
 * extension is read and removed: it is the guard's input, not part of the API.
 */
export function declareApiKeySecurity(document: OpenAPIObject, auth: AppConfig['auth']): void {
  const enabled = auth.apiKeys.length > 0;
  if (enabled) {
    document.components ??= {};
    document.components.securitySchemes = {
      [API_KEY_SCHEME]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: 'One of the keys in API_KEYS, sent as Authorization: Bearer <key>',
      },
    };
  }
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      // Path items also hold `parameters`, `summary` …: only operations have responses.
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const extended = operation as OperationObject & Record<string, unknown>;
      const policy = extended[API_KEY_POLICY_EXTENSION] as ApiKeyPolicy | undefined;
      delete extended[API_KEY_POLICY_EXTENSION];
      if (!enabled || !needsApiKey(method, policy, auth.protectReads)) continue;
      extended.security = [{ [API_KEY_SCHEME]: [] }];
      extended.responses['401'] ??= problemResponse(401);
    }
  }
}
