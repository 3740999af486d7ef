// The one registration each service uploads to, and putting it back in its first state between rounds
// (artifact version 0.0.0, no archive), so that every round does the same work.
import { call, DISCOVERY, REG, UPLOAD } from '../lib/http.mjs';

export const uploadUrl = (server) => `${server.base}${UPLOAD}/${server.model}/1`;

export async function registerModel(server) {
  const response = await call(server.base, 'POST', REG, {
    modelId: { modelName: server.model, modelVersion: '1' },
    description: 'upload benchmark',
    modelInformation: { metadata: { author: 'bench', owner: '' }, inputDataType: 'x', outputDataType: 'y' },
    modelLocation: '',
  });
  if (response.status !== 201)
    throw new Error(`registration on ${server.label} answered ${response.status}: ${response.text}`);
}

/**
 * Deletes and re-registers the model. Ours deletes its archives with the registration; the Go service
 * does not, so `s3` (when given) empties its bucket (the lower-cased model name) — also after a cut upload.
 */
export async function resetModel(server, s3) {
  const found = await call(server.base, 'GET', `${DISCOVERY}?model-name=${server.model}&model-version=1`);
  const id = found.json?.[0]?.id;
  if (found.status !== 200 || !id)
    throw new Error(
      `${server.label}: finding ${server.model}/1 answered ${found.status}: ${found.text.slice(0, 300)}`,
    );
  const deleted = await call(server.base, 'DELETE', `${REG}/${id}`);
  if (deleted.status !== 204) throw new Error(`${server.label}: delete answered ${deleted.status}`);
  if (s3) await s3.empty(server.model.toLowerCase());
  await registerModel(server);
}
