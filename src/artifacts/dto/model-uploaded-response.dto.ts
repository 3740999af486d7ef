import { ApiProperty } from '@nestjs/swagger';
import { ModelRelatedInformationResponseDto } from '../../models/dto/model-response.dto';

/** `uploadModel` answer, the Go service's envelope (lower-case "modelinfo", two dots included). */
export class ModelUploadedResponseDto {
  @ApiProperty({ type: 'integer', description: 'Always 200, as the Go service answered', example: 200 })
  code: number;

  @ApiProperty({
    description: "The Go service's message, verbatim",
    example: 'Model uploaded successfully..',
  })
  message: string;

  @ApiProperty({
    type: () => ModelRelatedInformationResponseDto,
    description: "The registration after the upload: its artifactVersion is the new archive's",
  })
  modelinfo: ModelRelatedInformationResponseDto;
}
