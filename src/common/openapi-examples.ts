/**
 * What the OpenAPI document's examples talk about. Not the README's model: Swagger UI's "Try it out"
 * sends the examples as they are, and the README's quick start has usually registered that one.
 * The examples chain: POST registers this model, uploadModel and downloadModel name it, PUT updates it.
 */
export const EXAMPLE_MODEL = { modelName: 'cell-load-forecaster-7f3a', modelVersion: '1' } as const;

/** A version of the example model that no example registers (the assistant's registers version 2). */
export const EXAMPLE_MISSING_VERSION = '9';

/** The id of the example model's registration in the answers' examples. */
export const EXAMPLE_REGISTRATION_ID = '3f2b6c1e-9d4a-4e7b-8c51-6a0f2d9e7b34';

/** An id no registration has: the 404 examples use it (no `{id}` parameter is prefilled with it). */
export const EXAMPLE_ID = '8c6f1f0e-4a8e-4c55-9a57-3c1c7f3f2a10';

export const EXAMPLE_CONVERSATION_ID = '0b0c6f8e-3d3f-4e52-9a55-2f0d6a1c9b7e';

export const EXAMPLE_CORRELATION_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
