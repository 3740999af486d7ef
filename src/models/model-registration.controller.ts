import { Body, Controller, Get, Param, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { InvalidRequestException, ResourceConflictException } from '../common/domain.exception';
import { EXAMPLE_ID, EXAMPLE_MODEL, EXAMPLE_REGISTRATION_ID } from '../common/openapi-examples';
import { ModelRegistrationDto } from './dto/model-registration.dto';
import { REGISTRATION_EXAMPLES, UPDATE_EXAMPLES } from './dto/model-registration.examples';
import {
  ModelRegisteredResponseDto,
  ModelRelatedInformationResponseDto,
  ModelUpdatedResponseDto,
} from './dto/model-response.dto';
import { ModelsService, registrationNotFound } from './models.service';
import { RegistrationExistsInterceptor } from './registration-exists.interceptor';

export const MODEL_REGISTRATIONS_PATH = 'ai-ml-model-registration/v1/model-registrations';

/** The `{id}` of every registration route: no example, so that Swagger UI asks for a real one. */
export const ApiRegistrationId = () =>
  ApiParam({
    name: 'id',
    description: 'The registration id: modelInfo.id of the POST answer, or its Location',
  });

const MISSING_AUTHOR = new InvalidRequestException('modelInformation.metadata.author: author is required');

/** DELETE lives in ArtifactsModule (registration deletion also removes the archives). */
@ApiTags('model registration')
// The bodies are documented by reference: ApiBody takes examples only beside a schema.
@ApiExtraModels(ModelRegistrationDto)
@Controller(MODEL_REGISTRATIONS_PATH)
export class ModelRegistrationController {
  constructor(private readonly models: ModelsService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a model',
    description:
      'Its artifact version starts at "0.0.0"; uploadModel stores its archives. A name and version can ' +
      'be registered once.',
  })
  @ApiBody({ schema: { $ref: getSchemaPath(ModelRegistrationDto) }, examples: REGISTRATION_EXAMPLES })
  @ApiCreatedResponse({
    type: ModelRegisteredResponseDto,
    description: 'Registered; the Location header names the new registration',
    headers: {
      Location: { description: 'The path of the new registration', schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(
    MISSING_AUTHOR,
    new ResourceConflictException(
      `A model named ${EXAMPLE_MODEL.modelName} with version ${EXAMPLE_MODEL.modelVersion} is already registered`,
    ),
  )
  async register(
    @Body() body: ModelRegistrationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ModelRegisteredResponseDto> {
    const modelInfo = await this.models.register(body);
    reply.header('Location', `/${MODEL_REGISTRATIONS_PATH}/${modelInfo.id}`);
    return { modelInfo };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a registration' })
  @ApiRegistrationId()
  @ApiOkResponse({ type: ModelRelatedInformationResponseDto, description: 'The registration' })
  @ApiProblemResponses(registrationNotFound(EXAMPLE_ID))
  get(@Param('id') id: string): Promise<ModelRelatedInformationResponseDto> {
    return this.models.get(id);
  }

  @Put(':id')
  @UseInterceptors(RegistrationExistsInterceptor)
  @ApiOperation({
    summary: 'Update a registration',
    description:
      'Replaces the stored fields; an absent or null targetEnvironment keeps the stored list, [] clears ' +
      'it, and an absent artifactVersion keeps the stored one. modelName and modelVersion cannot change.',
  })
  @ApiRegistrationId()
  @ApiBody({ schema: { $ref: getSchemaPath(ModelRegistrationDto) }, examples: UPDATE_EXAMPLES })
  @ApiOkResponse({ type: ModelUpdatedResponseDto, description: 'Updated: the registration as now stored' })
  // An unknown id is a 404 before the body is looked at: the 400 is of an existing registration.
  @ApiProblemResponses(
    { ...MISSING_AUTHOR, instance: `/${MODEL_REGISTRATIONS_PATH}/${EXAMPLE_REGISTRATION_ID}` },
    registrationNotFound(EXAMPLE_ID),
  )
  async update(
    @Param('id') id: string,
    @Body() body: ModelRegistrationDto,
  ): Promise<ModelUpdatedResponseDto> {
    return { modelinfo: await this.models.update(id, body) };
  }
}
