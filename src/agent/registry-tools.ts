import { Injectable } from '@nestjs/common';
import { ArtifactsService } from '../artifacts/artifacts.service';
import { DomainException } from '../common/domain.exception';
import { ModelDiscoveryQueryDto } from '../models/dto/model-discovery-query.dto';
import { ModelIdDto, ModelRegistrationDto } from '../models/dto/model-registration.dto';
import type { ModelRelatedInformationResponseDto } from '../models/dto/model-response.dto';
import { ModelsService } from '../models/models.service';
import { isAffirmative } from './nlu/lexicon';
import type { ChatMessage, ToolDefinition } from './llm-provider';
import {
  argumentNames,
  parseArguments,
  requireObject,
  text,
  ToolArgumentsError,
  ToolContext,
  ToolOutcome,
  validated,
} from './tool-arguments';
import { TrainingManagerStatus, WORKFLOW_TOOL_NAMES, WorkflowTools } from './workflow/workflow-tools';

export type { ToolContext, ToolOutcome } from './tool-arguments';

export const REGISTER_MODEL = 'register_model';
export const LIST_MODELS = 'list_models';
export const GET_MODEL = 'get_model';
export const UPDATE_MODEL = 'update_model';
export const DELETE_MODEL = 'delete_model';
export const GET_MODEL_ARCHIVE = 'get_model_archive';

/** list_models answers with at most this many summaries: the whole registry would not fit a prompt. */
export const LIST_MODELS_LIMIT = 100;

/** A new registration's artifact version: nothing trained or uploaded yet. */
const NO_ARTIFACT = '0.0.0';

const MODEL_FIELDS = {
  modelName: text(
    'Letters, digits, ".", "_" and "-", starting with a letter or digit; at most 128 characters',
  ),
  modelVersion: text(
    'Letters, digits, ".", "_" and "-", starting with a letter or digit; at most 64 characters',
  ),
};

export const REGISTRY_TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: REGISTER_MODEL,
    description:
      'Register a model in the AIMLFW model registry. Only call it with values the user gave; ' +
      'ask the user for any required value that is missing.',
    parameters: {
      type: 'object',
      properties: {
        ...MODEL_FIELDS,
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
  {
    name: UPDATE_MODEL,
    description:
      'Change a registered model: the fields given replace the stored ones, the others are kept; ' +
      'name and version identify it and cannot change.',
    parameters: {
      type: 'object',
      properties: {
        ...MODEL_FIELDS,
        description: text('What the model does'),
        author: text('Who made the model'),
        owner: text('Owning team'),
        inputDataType: text('Input features, comma-separated'),
        outputDataType: text('Output features, comma-separated'),
        modelLocation: text('Where the model is stored (URI)'),
      },
      required: ['modelName', 'modelVersion'],
      additionalProperties: false,
    },
  },
  {
    name: DELETE_MODEL,
    description:
      'Delete a registered model and its archives. The first call (without confirm) only asks for ' +
      'confirmation; call it again with confirm: true only after the user has answered yes.',
    parameters: {
      type: 'object',
      properties: {
        ...MODEL_FIELDS,
        confirm: { type: 'boolean', description: 'true only after the user confirmed the deletion' },
      },
      required: ['modelName', 'modelVersion'],
      additionalProperties: false,
    },
  },
  {
    name: GET_MODEL_ARCHIVE,
    description: "Where to download a trained model's archive (Model.zip).",
    parameters: {
      type: 'object',
      properties: { ...MODEL_FIELDS },
      required: ['modelName', 'modelVersion'],
      additionalProperties: false,
    },
  },
];

const known = (tool: string) => argumentNames(REGISTRY_TOOL_DEFINITIONS, tool);

/** What delete_model answers before the user confirmed; the confirmation check looks for it in the history. */
export const CONFIRMATION_REQUIRED = 'confirmation required';

/**
 * The agent's tools: the registry's (in-process, validated with the REST API's DTO rules) and,
 * while the Training Manager answers, the workflow tools. Bad arguments and domain errors become
 * the tool's error result.
 */
@Injectable()
export class RegistryTools {
  constructor(
    private readonly models: ModelsService,
    private readonly artifacts: ArtifactsService,
    private readonly workflow: WorkflowTools,
  ) {}

  /** Resolves once whether the workflow tools are on is known (the boot-time TM probe answered). */
  settled(): Promise<void> {
    return this.workflow.settled();
  }

  /** Whether the workflow tools are on, for modelInfo. */
  trainingManager(): TrainingManagerStatus {
    return this.workflow.status();
  }

  /** The tools offered now: the workflow ones only while the TM is reachable. */
  get definitions(): readonly ToolDefinition[] {
    return [...REGISTRY_TOOL_DEFINITIONS, ...this.workflow.definitions];
  }

  async call(tool: string, rawArguments: string, context: ToolContext = {}): Promise<ToolOutcome> {
    const parsed = parseArguments(rawArguments);
    const args = parsed.ok ? parsed.value : rawArguments;
    try {
      if (!parsed.ok) throw new ToolArgumentsError(parsed.error);
      return { tool, arguments: args, ok: true, result: await this.run(tool, args, context) };
    } catch (error) {
      // Everything the model can fix goes back to it; anything else (e.g. the database is down) is the request's failure.
      if (error instanceof ToolArgumentsError || error instanceof DomainException) {
        return { tool, arguments: args, ok: false, error: error.message };
      }
      throw error;
    }
  }

  private run(tool: string, args: unknown, context: ToolContext): Promise<unknown> {
    switch (tool) {
      case REGISTER_MODEL:
        return this.registerModel(args);
      case LIST_MODELS:
        return this.listModels(args);
      case GET_MODEL:
        return this.getModel(args);
      case UPDATE_MODEL:
        return this.updateModel(args);
      case DELETE_MODEL:
        return this.deleteModel(args, context.history ?? []);
      case GET_MODEL_ARCHIVE:
        return this.modelArchive(args);
      default:
        if (WORKFLOW_TOOL_NAMES.has(tool)) return this.workflow.run(tool, args);
        throw new ToolArgumentsError(
          `Unknown tool ${tool}; the tools are ${this.definitions.map((t) => t.name).join(', ')}`,
        );
    }
  }

  private async registerModel(args: unknown): Promise<ModelRelatedInformationResponseDto> {
    const flat = requireObject(args, known(REGISTER_MODEL));
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
    const flat = requireObject(args, known(LIST_MODELS));
    const query = await validated(ModelDiscoveryQueryDto, { modelName: flat.modelName });
    const models = await this.models.discover(query);
    return { total: models.length, models: models.slice(0, LIST_MODELS_LIMIT).map(summarize) };
  }

  private async getModel(args: unknown): Promise<ModelRelatedInformationResponseDto> {
    return this.find(requireObject(args, known(GET_MODEL)));
  }

  /** PUT through ModelsService.update, the body being the stored registration with the given fields replaced. */
  private async updateModel(args: unknown): Promise<ModelRelatedInformationResponseDto> {
    const flat = requireObject(args, known(UPDATE_MODEL));
    const changes = Object.keys(flat).filter((key) => key !== 'modelName' && key !== 'modelVersion');
    if (changes.length === 0)
      throw new ToolArgumentsError('Nothing to change: give at least one field to update');
    const stored = await this.find(flat);
    const info = stored.modelInformation;
    const pick = (key: string, current: unknown) => (Object.hasOwn(flat, key) ? flat[key] : current);
    const dto = await validated(ModelRegistrationDto, {
      modelId: { modelName: stored.modelId.modelName, modelVersion: stored.modelId.modelVersion },
      description: pick('description', stored.description),
      modelInformation: {
        // The stored custom metadata too: a PUT replaces it, and the tool changes only what it is given.
        metadata: {
          ...info.metadata,
          author: pick('author', info.metadata.author),
          owner: pick('owner', info.metadata.owner),
        },
        inputDataType: pick('inputDataType', info.inputDataType),
        outputDataType: pick('outputDataType', info.outputDataType),
        targetEnvironment: info.targetEnvironment,
      },
      modelLocation: pick('modelLocation', stored.modelLocation),
    });
    return this.models.update(stored.id, dto);
  }

  /**
   * Deletes only on a second call with confirm: true, after this tool answered "confirmation
   * required" for the same model and the user then agreed, so that no model can skip the question.
   */
  private async deleteModel(args: unknown, history: readonly ChatMessage[]): Promise<unknown> {
    const flat = requireObject(args, known(DELETE_MODEL));
    if (flat.confirm !== undefined && typeof flat.confirm !== 'boolean') {
      throw new ToolArgumentsError('confirm must be a boolean');
    }
    const model = await this.find(flat);
    const { modelName, modelVersion } = model.modelId;
    const question = {
      confirmationRequired: true,
      status: CONFIRMATION_REQUIRED,
      message: `Deleting model ${modelName} version ${modelVersion} (id ${model.id}) also deletes its archives. Ask the user to confirm.`,
    };
    if (flat.confirm !== true) return question;
    if (!confirmedInHistory(history, modelName, modelVersion)) {
      throw new ToolArgumentsError(
        `Not deleted: the user has not confirmed. Call delete_model without confirm first, ask the user, ` +
          `and call it with confirm: true only after the user answered yes.`,
      );
    }
    await this.artifacts.deleteRegistration(model.id);
    return { deleted: true, id: model.id, modelName, modelVersion };
  }

  private async modelArchive(args: unknown): Promise<unknown> {
    const model = await this.find(requireObject(args, known(GET_MODEL_ARCHIVE)));
    const { modelName, modelVersion, artifactVersion } = model.modelId;
    const uploaded = (await this.artifacts.history(model.id)).find(
      (a) => a.artifactVersion === artifactVersion,
    );
    if (uploaded) {
      return {
        modelName,
        modelVersion,
        artifactVersion,
        // A training pipeline's archive, stored straight into S3, is served by downloadModel too.
        source: uploaded.source ?? 'registry',
        path: `/ai-ml-model-registration/v1/downloadModel/${modelName}/${modelVersion}/${artifactVersion}/model.zip`,
        sizeBytes: uploaded.sizeBytes,
        ...(uploaded.sha256 ? { sha256: uploaded.sha256 } : { etag: uploaded.etag }),
      };
    }
    const tm = this.workflow.status().url;
    if (artifactVersion !== NO_ARTIFACT && tm) {
      // Trained by the TM, which serves the archive it stored.
      return {
        modelName,
        modelVersion,
        artifactVersion,
        source: 'trainingManager',
        url: `${tm}/model/${modelName}/${modelVersion}/${artifactVersion}/Model.zip`,
      };
    }
    throw new ToolArgumentsError(
      `Model ${modelName} version ${modelVersion} has no archive yet (artifact version ${artifactVersion}): ` +
        'train it with a training job or upload one',
    );
  }

  /** The registration named by modelName and modelVersion; the REST API's 404 when there is none. */
  private async find(flat: Record<string, unknown>): Promise<ModelRelatedInformationResponseDto> {
    const id = await validated(ModelIdDto, { modelName: flat.modelName, modelVersion: flat.modelVersion });
    const [model] = await this.models.discover({ modelName: id.modelName, modelVersion: id.modelVersion });
    return model;
  }
}

/** An earlier delete_model call for this model answered "confirmation required", and a later user turn agreed. */
function confirmedInHistory(
  history: readonly ChatMessage[],
  modelName: string,
  modelVersion: string,
): boolean {
  const deleteCalls = new Set<string>();
  let asked = false;
  let confirmed = false;
  for (const message of history) {
    if (message.role === 'assistant') {
      for (const call of message.toolCalls) {
        const args = parseArguments(call.arguments);
        const target = args.ok ? (args.value as Record<string, unknown> | null) : null;
        if (
          call.name === DELETE_MODEL &&
          target?.modelName === modelName &&
          target?.modelVersion === modelVersion
        ) {
          deleteCalls.add(call.id);
        }
      }
    } else if (message.role === 'tool' && deleteCalls.has(message.toolCallId)) {
      // A confirmation is spent by the deletion it allowed.
      if (message.content.includes(CONFIRMATION_REQUIRED)) asked = true;
      else if (message.content.includes('"deleted":true')) confirmed = false;
    } else if (message.role === 'user') {
      confirmed = asked && isAffirmative(message.content);
      asked = false;
    }
  }
  return confirmed;
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
