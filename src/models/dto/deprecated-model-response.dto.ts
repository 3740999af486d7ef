import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_MODEL } from '../../common/openapi-examples';
import { ModelRelatedInformationResponseDto } from './model-response.dto';

/** `updateArtifact` answer; lower-case "i" as the Go service has it. */
export class ArtifactVersionUpdatedResponseDto {
  @ApiProperty({
    type: () => ModelRelatedInformationResponseDto,
    description: 'The registration, with the artifact version set',
  })
  modelinfo: ModelRelatedInformationResponseDto;
}

export class ModelInfoByNameDto {
  @ApiProperty({ description: 'The model name asked for', example: EXAMPLE_MODEL.modelName })
  name: string;

  @ApiProperty({
    description: "JSON text of the model's registrations (an array of resources), as upstream returned it",
    example: '[]',
  })
  data: string;
}

/** `getModelInfo/{modelName}` answer. */
export class ModelInfoByNameResponseDto {
  @ApiProperty({ type: 'integer', description: 'Always 200, as the Go service answered', example: 200 })
  code: number;

  @ApiProperty({ type: () => ModelInfoByNameDto, description: 'The name and its registrations' })
  message: ModelInfoByNameDto;
}
