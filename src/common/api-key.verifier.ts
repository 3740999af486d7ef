import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { MissingApiKeyException } from './domain.exception';

/**
 * Checks `Authorization: Bearer <key>` against API_KEYS. Shared by the global guard and by the
 * middleware in front of the API documents, which Nest's guards never see.
 */
export class ApiKeyVerifier {
  private readonly keyDigests: Buffer[];

  constructor(auth: AppConfig['auth']) {
    this.keyDigests = auth.apiKeys.map(digest);
  }

  get enabled(): boolean {
    return this.keyDigests.length > 0;
  }

  /** Throws {@link MissingApiKeyException} unless the header presents a configured key. */
  verify(authorization: string | undefined): void {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (presented === undefined)
      throw new MissingApiKeyException('This operation needs Authorization: Bearer <API key>');
    if (!this.matches(presented)) throw new MissingApiKeyException('The API key is not valid');
  }

  /** Compares digests in constant time and checks every key, so timing tells nothing about which matched. */
  private matches(presented: string): boolean {
    const candidate = digest(presented);
    let found = false;
    for (const key of this.keyDigests) found = timingSafeEqual(candidate, key) || found;
    return found;
  }
}

/** The start-up log's line on what is public. */
export function describeApiKeyAccess(auth: AppConfig['auth']): string {
  if (auth.apiKeys.length === 0) return 'API keys off (API_KEYS unset): every endpoint is open';
  if (!auth.protectReads)
    return (
      'API keys on: writes and the assistant need a key; reads, the API documents (/api-docs, ' +
      '/api-docs-json, /api-docs-yaml), /health and /metrics are public'
    );
  return (
    'API keys on, reads protected: every endpoint needs a key, Swagger UI and the API documents ' +
    '(/api-docs*) included; only /health and /metrics are public'
  );
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
