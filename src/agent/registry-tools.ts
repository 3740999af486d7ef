import { Injectable } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { DomainException, InvalidRequestException } from '../common/domain.exception';
import { RequestValidationPipe } from '../common/request-validation.pipe';
import { ModelDiscoveryQueryDto } from '../models/dto/model-discovery-query.dto';
import { ModelIdDto, ModelRegistrationDto } from '../models/dto/model-registration.dto';
import type { ModelRelatedInformationResponseDto } from '../models/dto/model-response.dto';
import { ModelsService } from '../models/models.service';
import type { ToolDefinition } from './llm-provider';

export const REGISTER_MODEL = 'register_model';
export const LIST_MODELS = 'list_models';
export const GET_MODEL = 'get_model';

/** list_models answers with at most this many summaries: the whole registry would not fit a prompt. */
export const LIST_MODELS_LIMIT = 100;

/** What one tool call did, as `response.steps` records it and the model reads it back. */
export type ToolOutcome =
  | { readonly tool: string; readonly arguments: unknown; readonly ok: true; readonly result: unknown }
  | { readonly tool: string; readonly arguments: unknown; readonly ok: false; readonly error: string };

/** A tool's arguments were rejected; the message goes back to the model, never to the client as an error. */
class ToolArgumentsError extends Error {}

const text = (description: string) => ({ type: 'string', description });

export const REGISTRY_TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: REGISTER_MODEL,
    description:
      'Register a model in the AIMLFW model registry. Only call it with values the user gave; ' +
      'ask the user for any required value that is missing.',
    parameters: {
      type: 'object',
      properties: {
        modelName: text(
          'Letters, digits, ".", "_" and "-", starting with a letter or digit; at most 128 characters',
        ),
        modelVersion: text(
          'Letters, digits, ".", "_" and "-", starting with a letter or digit; at most 64 characters',
        ),
        description: text('What the model does'),
        author: text('Who made the model'),
        owner: text('Owning team (optional)'),
        inputDataType: text('Input features, comma-separated, e.g. "pdcpBytesDl,pdcpBytesUl"'),
        outputDataType: text('Output features, comma-separated'),
        modelLocation: text('Where the model is stored (optional URI)'),
        targetEnvironment: {
          type: 'array',
          description: 'Where the model may be deployed (optional)',
          items: {
            type: 'object',
            properties: {
              platformName: text('e.g. "kserve"'),
              environmentType: text('e.g. "prod"'),
              dependencyList: text('e.g. "tensorflow=2.15"'),
            },
            required: ['platformName', 'environmentType', 'dependencyList'],
            additionalProperties: false,
          },
        },
      },
      required: ['modelName', 'modelVersion', 'description', 'author', 'inputDataType', 'outputDataType'],
      additionalProperties: false,
    },
  },
  {
    name: LIST_MODELS,
    description: `List registered models (at most ${LIST_MODELS_LIMIT}), optionally only those with a given name.`,
    parameters: {
      type: 'object',
      properties: { modelName: text('Only models with exactly this name (optional)') },
      additionalProperties: false,
    },
  },
  {
    name: GET_MODEL,
    description: 'Show one registered model, identified by name and version.',
    parameters: {
      type: 'object',
      properties: { modelName: text('Exact model name'), modelVersion: text('Exact model version') },
      required: ['modelName', 'modelVersion'],
      additionalProperties: false,
    },
  },
];

const REGISTER_MODEL_ARGUMENTS = new Set(Object.keys(propertiesOf(REGISTER_MODEL)));
const LIST_MODELS_ARGUMENTS = new Set(Object.keys(propertiesOf(LIST_MODELS)));
const GET_MODEL_ARGUMENTS = new Set(Object.keys(propertiesOf(GET_MODEL)));

/**
 * The agent's tools: each validates its arguments with the REST API's DTO rules and calls the
 * models service in-process. Bad arguments and domain errors become the tool's error result.
 */
@Injectable()
export class RegistryTools {
  constructor(private readonly models: ModelsService) {}

  readonly definitions = REGISTRY_TOOL_DEFINITIONS;

  async call(tool: string, rawArguments: string): Promise<ToolOutcome> {
    const parsed = parseArguments(rawArguments);
    const args = parsed.ok ? parsed.value : rawArguments;
    try {
      if (!parsed.ok) throw new ToolArgumentsError(parsed.error);
      return { tool, arguments: args, ok: true, result: await this.run(tool, args) };
    } catch (error) {
      // Everything the model can fix goes back to it; anything else (e.g. the database is down) is the request's failure.
      if (error instanceof ToolArgumentsError || error instanceof DomainException) {
        return { tool, arguments: args, ok: false, error: error.message };
      }
      throw error;
    }
  }

  private run(tool: string, args: unknown): Promise<unknown> {
    switch (tool) {
      case REGISTER_MODEL:
        return this.registerModel(args);
      case LIST_MODELS:
        return this.listModels(args);
      case GET_MODEL:
        return this.getModel(args);
      default:
        throw new ToolArgumentsError(
          `Unknown tool ${tool}; the tools are ${REGISTRY_TOOL_DEFINITIONS.map((t) => t.name).join(', ')}`,
        );
    }
  }

  private async registerModel(args: unknown): Promise<ModelRelatedInformationResponseDto> {
    const flat = requireObject(args, REGISTER_MODEL_ARGUMENTS);
    const dto = await validated(ModelRegistrationDto, {
      modelId: { modelName: flat.modelName, modelVersion: flat.modelVersion },
      description: flat.description,
      modelInformation: {
        metadata: { author: flat.author, owner: flat.owner },
        inputDataType: flat.inputDataType,
        outputDataType: flat.outputDataType,
        targetEnvironment: flat.targetEnvironment,
      },
      modelLocation: flat.modelLocation,
    });
    return this.models.register(dto);
  }

  private async listModels(args: unknown): Promise<{ total: number; models: ModelSummary[] }> {
    const flat = requireObject(args, LIST_MODELS_ARGUMENTS);
    const query = await validated(ModelDiscoveryQueryDto, { modelName: flat.modelName });
    const models = await this.models.discover(query);
    return { total: models.length, models: models.slice(0, LIST_MODELS_LIMIT).map(summarize) };
  }

  private async getModel(args: unknown): Promise<ModelRelatedInformationResponseDto> {
    const flat = requireObject(args, GET_MODEL_ARGUMENTS);
    const id = await validated(ModelIdDto, { modelName: flat.modelName, modelVersion: flat.modelVersion });
    // Discovery with name and version throws the same 404 the REST API gives.
    const [model] = await this.models.discover({ modelName: id.modelName, modelVersion: id.modelVersion });
    return model;
  }
}

export interface ModelSummary {
  id: string;
  modelName: string;
  modelVersion: string;
  artifactVersion: string;
  description: string;
}

function summarize(model: ModelRelatedInformationResponseDto): ModelSummary {
  return { id: model.id, ...model.modelId, description: model.description };
}

function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // Some servers send "" for a tool without parameters.
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: `The arguments are not valid JSON (${(error as Error).message}); send one JSON object`,
    };
  }
}

function requireObject(args: unknown, known: ReadonlySet<string>): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ToolArgumentsError('The arguments must be a JSON object');
  }
  const unknown = Object.keys(args).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ToolArgumentsError(
      `Unknown argument(s): ${unknown.join(', ')}; allowed: ${[...known].join(', ')}`,
    );
  }
  return args as Record<string, unknown>;
}

/** Exactly the REST API's validation: the global pipe itself (strict rules, NUL and prototype keys refused). */
async function validated<T extends object>(
  type: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<T> {
  try {
    return (await VALIDATION.transform(withoutUndefined(plain), { type: 'body', metatype: type })) as T;
  } catch (error) {
    if (error instanceof InvalidRequestException) throw new ToolArgumentsError(error.detail);
    throw error;
  }
}

const VALIDATION = new RequestValidationPipe();

function withoutUndefined(plain: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(plain)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, isPlainObject(value) ? withoutUndefined(value) : value]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function propertiesOf(tool: string): Record<string, unknown> {
  const definition = REGISTRY_TOOL_DEFINITIONS.find((t) => t.name === tool)!;
  return definition.parameters.properties as Record<string, unknown>;
}
