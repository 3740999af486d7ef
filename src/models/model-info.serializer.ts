import { jsonArrayChunks, jsonStringChunks } from '../common/json-chunks';
import type { ModelRelatedInformationResponseDto } from './dto/model-response.dto';

/**
 * The deprecated `getModelInfo` answer, `{"code":200,"message":{"name":…,"data":"<JSON text of the
 * registrations>"}}`, piece by piece: the same bytes as JSON.stringify of the whole envelope.
 */
export async function* modelInfoChunks(
  modelName: string,
  models: AsyncIterable<ModelRelatedInformationResponseDto>,
): AsyncGenerator<string> {
  yield `{"code":200,"message":{"name":${JSON.stringify(modelName)},"data":`;
  yield* jsonStringChunks(jsonArrayChunks(models));
  yield '}}';
}
