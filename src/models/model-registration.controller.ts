import { Body, Controller, Get, Param, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ModelRegistrationDto } from './dto/model-registration.dto';
import {
  ModelRegisteredResponseDto,
  ModelRelatedInformationResponseDto,
  ModelUpdatedResponseDto,
} from './dto/model-response.dto';
import { ModelsService } from './models.service';
import { RegistrationExistsInterceptor } from './registration-exists.interceptor';

export const MODEL_REGISTRATIONS_PATH = 'ai-ml-model-registration/v1/model-registrations';

/** DELETE lives in ArtifactsModule (registration deletion also removes the archives). */
@ApiTags('model registration')
@Controller(MODEL_REGISTRATIONS_PATH)
export class ModelRegistrationController {
  constructor(private readonly models: ModelsService) {}

  /** Registers a model; its artifact version starts at "0.0.0". */
  @Post()
  @ApiCreatedResponse({
    type: ModelRegisteredResponseDto,
    description: 'Location names the new registration',
  })
  @ApiProblemResponses(400, 409)
  async register(
    @Body() body: ModelRegistrationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ModelRegisteredResponseDto> {
    const modelInfo = await this.models.register(body);
    reply.header('Location', `/${MODEL_REGISTRATIONS_PATH}/${modelInfo.id}`);
    return { modelInfo };
  }

  @Get(':id')
  @ApiOkResponse({ type: ModelRelatedInformationResponseDto })
  @ApiProblemResponses(404)
  get(@Param('id') id: string): Promise<ModelRelatedInformationResponseDto> {
    return this.models.get(id);
  }

  /** Replaces the stored fields; an absent or null targetEnvironment keeps the stored list, [] clears it. */
  @Put(':id')
  @UseInterceptors(RegistrationExistsInterceptor)
  @ApiOkResponse({ type: ModelUpdatedResponseDto })
  @ApiProblemResponses(400, 404)
  async update(
    @Param('id') id: string,
    @Body() body: ModelRegistrationDto,
  ): Promise<ModelUpdatedResponseDto> {
    return { modelinfo: await this.models.update(id, body) };
  }
}
