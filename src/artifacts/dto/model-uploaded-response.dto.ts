import { ModelRelatedInformationResponseDto } from '../../models/dto/model-response.dto';

/** `uploadModel` answer, the Go service's envelope (lower-case "modelinfo", two dots included). */
export class ModelUploadedResponseDto {
  /** @example 200 */
  code: number;
  /** @example "Model uploaded successfully.." */
  message: string;
  /** The registration after the upload: its artifactVersion is the new archive's. */
  modelinfo: ModelRelatedInformationResponseDto;
}
