import { MissingApiKeyException } from './domain.exception';
import { ApiKeyVerifier, describeApiKeyAccess } from './api-key.verifier';

describe('ApiKeyVerifier', () => {
  const verifier = new ApiKeyVerifier({ apiKeys: ['one', 'two'], protectReads: false });

  it('accepts any configured key as a Bearer token, the scheme in any case', () => {
    expect(() => verifier.verify('Bearer one')).not.toThrow();
    expect(() => verifier.verify('bearer two ')).not.toThrow();
  });

  it('refuses a missing, malformed or unknown key with what is wrong', () => {
    for (const header of [undefined, '', 'Basic b25l', 'Bearer', 'one'])
      expect(() => verifier.verify(header)).toThrow(
        new MissingApiKeyException('This operation needs Authorization: Bearer <API key>'),
      );
    expect(() => verifier.verify('Bearer three')).toThrow(
      new MissingApiKeyException('The API key is not valid'),
    );
  });
});

describe('describeApiKeyAccess', () => {
  it('names what is public in each mode', () => {
    expect(describeApiKeyAccess({ apiKeys: [], protectReads: false })).toBe(
      'API keys off (API_KEYS unset): every endpoint is open',
    );
    expect(describeApiKeyAccess({ apiKeys: ['k'], protectReads: false })).toBe(
      'API keys on: writes and the assistant need a key; reads, the API documents (/api-docs, ' +
        '/api-docs-json, /api-docs-yaml), /health and /metrics are public',
    );
    expect(describeApiKeyAccess({ apiKeys: ['k'], protectReads: true })).toBe(
      'API keys on, reads protected: every endpoint needs a key, Swagger UI and the API documents ' +
        '(/api-docs*) included; only /health and /metrics are public',
    );
  });
});
