import createClient from 'openapi-fetch';
import { apiKey } from './api-key';
import type { paths } from './schema';

/** The service's API, typed from its own OpenAPI document (schema.d.ts), on the console's origin. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const key = apiKey.get();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
});
