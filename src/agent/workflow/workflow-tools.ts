import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ModelsService } from '../../models/models.service';
import type { ToolDefinition } from '../llm-provider';
import { argumentNames, requireObject, text, ToolArgumentsError, validated } from '../tool-arguments';
import { TM_API, TrainingManagerClient, TrainingManagerError } from './training-manager.client';
import {
  CreateFeatureGroupArguments,
  CreateTrainingJobArguments,
  TrainingJobIdArguments,
} from './workflow-arguments.dto';

export const LIST_FEATURE_GROUPS = 'list_feature_groups';
export const CREATE_FEATURE_GROUP = 'create_feature_group';
export const LIST_TRAINING_JOBS = 'list_training_jobs';
export const CREATE_TRAINING_JOB = 'create_training_job';
export const TRAINING_JOB_STATUS = 'training_job_status';

/** The TM's only data lake source (featuregroup_controller). */
const DEFAULT_DATALAKE_SOURCE = 'InfluxSource';
/** Lists sent back to the model are cut here: a whole TM would not fit a prompt. */
export const WORKFLOW_LIST_LIMIT = 100;
/** How long a probe result is trusted before the next request probes again. */
const PROBE_INTERVAL_MS = 30_000;
/** A probe never holds the boot (or a request) for longer than this. */
const PROBE_TIMEOUT_MS = 2_000;

const NO_ARGUMENTS = { type: 'object', properties: {}, additionalProperties: false };

export const WORKFLOW_TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: LIST_FEATURE_GROUPS,
    description: `List the Training Manager's feature groups (at most ${WORKFLOW_LIST_LIMIT}).`,
    parameters: NO_ARGUMENTS,
  },
  {
    name: CREATE_FEATURE_GROUP,
    description:
      'Create a feature group (the training data of a model: features read from an InfluxDB data lake) in the ' +
      'Training Manager. Only call it with values the user gave; ask for any required value that is missing.',
    parameters: {
      type: 'object',
      properties: {
        featuregroup_name: text('3 to 63 letters, digits or "_"'),
        feature_list: text('Comma-separated feature names, e.g. "pdcpBytesDl,pdcpBytesUl"'),
        datalake_source: text(`The data lake (optional, default "${DEFAULT_DATALAKE_SOURCE}")`),
        enable_dme: {
          type: 'boolean',
          description: 'Collect the data through DME (optional, default false)',
        },
        host: text('Data lake (InfluxDB) host'),
        port: text('Data lake port, e.g. "8086"'),
        bucket: text('InfluxDB bucket'),
        token: text('InfluxDB token'),
        measurement: text('InfluxDB measurement'),
        db_org: text('InfluxDB organisation'),
        dme_port: text('DME port (required when enable_dme is true)'),
        source_name: text('DME source name (required when enable_dme is true)'),
        measured_obj_class: text('DME measured object class (required when enable_dme is true)'),
      },
      required: [
        'featuregroup_name',
        'feature_list',
        'host',
        'port',
        'bucket',
        'token',
        'measurement',
        'db_org',
      ],
      additionalProperties: false,
    },
  },
  {
    name: LIST_TRAINING_JOBS,
    description: `List the Training Manager's training jobs (at most ${WORKFLOW_LIST_LIMIT}).`,
    parameters: NO_ARGUMENTS,
  },
  {
    name: CREATE_TRAINING_JOB,
    description:
      'Start a training job in the Training Manager for a registered model, on a feature group, with a ' +
      'Kubeflow training pipeline. Only call it with values the user gave.',
    parameters: {
      type: 'object',
      properties: {
        modelName: text('A registered model name'),
        modelVersion: text('Its version'),
        featureGroupName: text(
          'Feature group to train on (optional: the TM picks the one of the input data type)',
        ),
        trainingPipelineName: text('Kubeflow training pipeline, e.g. "qoe_Pipeline"'),
        trainingPipelineVersion: text('Pipeline version (optional, default the pipeline name)'),
        retrainingPipelineName: text('Retraining pipeline (optional, default the training pipeline)'),
        retrainingPipelineVersion: text('Retraining pipeline version (optional, default the training one)'),
        description: text('What the job is for (optional)'),
        queryFilter: text('Data lake query filter (optional)'),
        epochs: { type: 'integer', minimum: 1, description: 'Training epochs (optional)' },
        arguments: { type: 'object', description: 'Further pipeline arguments (optional), string values' },
      },
      required: ['modelName', 'modelVersion', 'trainingPipelineName'],
      additionalProperties: false,
    },
  },
  {
    name: TRAINING_JOB_STATUS,
    description: 'Show the state of each step (data extraction, training, trained model) of a training job.',
    parameters: {
      type: 'object',
      properties: { trainingJobId: { type: 'integer', minimum: 1, description: 'The training job id' } },
      required: ['trainingJobId'],
      additionalProperties: false,
    },
  },
];

export const WORKFLOW_TOOL_NAMES = new Set(WORKFLOW_TOOL_DEFINITIONS.map((tool) => tool.name));

/** Whether the workflow tools are offered, as `modelInfo` reports it. */
export interface TrainingManagerStatus {
  readonly url: string | null;
  readonly available: boolean;
  readonly reason: string | null;
}

/**
 * The workflow tools: feature groups and training jobs in the Training Manager's REST API. They are
 * offered only while the TM answers; arguments are validated here before anything is sent.
 */
@Injectable()
export class WorkflowTools implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkflowTools.name);
  private readonly client?: TrainingManagerClient;
  private current: TrainingManagerStatus;
  private probedAt = 0;
  private probing?: Promise<void>;
  private firstProbe: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly models: ModelsService,
  ) {
    const { url, timeoutMs } = config.trainingManager;
    if (url) this.client = new TrainingManagerClient(url, timeoutMs);
    this.current = url
      ? { url, available: false, reason: 'The Training Manager has not been checked yet' }
      : { url: null, available: false, reason: 'TM_URL is empty: the workflow tools are off' };
  }

  onApplicationBootstrap(): void {
    // Not awaited: readiness must not wait for an optional dependency (up to PROBE_TIMEOUT_MS when
    // the TM does not answer); the assistant's requests wait for this first answer instead (settled).
    this.firstProbe = this.probe()
      .then(() => {
        // A change is logged by setStatus; an unavailable TM at boot is not a change, so say it here.
        if (!this.current.available) {
          this.logger.warn({ url: this.current.url, reason: this.current.reason }, 'Workflow tools off');
        }
      })
      // probe() answers failures with a status; anything else must not become an unhandled rejection.
      .catch((error: Error) => this.logger.error({ err: error }, 'Training Manager probe failed'));
  }

  /** Shutdown waits for a probe in flight: at most PROBE_TIMEOUT_MS. */
  async onModuleDestroy(): Promise<void> {
    await this.probing;
  }

  /** Resolves once the probe started at boot has its answer, so that status() is not a guess. */
  settled(): Promise<void> {
    return this.firstProbe;
  }

  /** The last known state; a stale one starts a new probe for the next request. */
  status(): TrainingManagerStatus {
    if (this.client && Date.now() - this.probedAt > PROBE_INTERVAL_MS) void this.probe();
    return this.current;
  }

  get definitions(): readonly ToolDefinition[] {
    return this.status().available ? WORKFLOW_TOOL_DEFINITIONS : [];
  }

  /** One GET of the feature groups: the cheapest call that proves the TM's API answers. */
  probe(): Promise<void> {
    if (!this.client) return Promise.resolve();
    this.probing ??= this.client
      .get(`${TM_API}/featureGroup`, PROBE_TIMEOUT_MS)
      .then(
        () => this.setStatus(true, null),
        (error: Error) => this.setStatus(false, error.message),
      )
      .finally(() => {
        this.probedAt = Date.now();
        this.probing = undefined;
      });
    return this.probing;
  }

  async run(tool: string, args: unknown): Promise<unknown> {
    if (!this.client || !this.current.available) {
      throw new ToolArgumentsError(`${tool} is not available: ${this.current.reason}`);
    }
    try {
      return await this.dispatch(this.client, tool, args);
    } catch (error) {
      if (!(error instanceof TrainingManagerError)) throw error;
      if (error.unreachable) this.setStatus(false, error.message);
      throw new ToolArgumentsError(error.message);
    }
  }

  private async dispatch(client: TrainingManagerClient, tool: string, args: unknown): Promise<unknown> {
    const known = argumentNames(WORKFLOW_TOOL_DEFINITIONS, tool);
    switch (tool) {
      case LIST_FEATURE_GROUPS: {
        requireObject(args, known);
        const { body } = await client.get(`${TM_API}/featureGroup`);
        const groups = listIn(body, 'FeatureGroups').map(summarizeFeatureGroup);
        return { total: groups.length, featureGroups: groups.slice(0, WORKFLOW_LIST_LIMIT) };
      }
      case CREATE_FEATURE_GROUP:
        return this.createFeatureGroup(client, requireObject(args, known));
      case LIST_TRAINING_JOBS: {
        requireObject(args, known);
        // The TM routes the list with a trailing slash (GET /training-jobs/).
        const { body } = await client.get(`${TM_API}/training-jobs/`);
        const jobs = listIn(body).map(summarizeTrainingJob);
        return { total: jobs.length, trainingJobs: jobs.slice(0, WORKFLOW_LIST_LIMIT) };
      }
      case CREATE_TRAINING_JOB:
        return this.createTrainingJob(client, requireObject(args, known));
      case TRAINING_JOB_STATUS: {
        const { trainingJobId } = await validated(TrainingJobIdArguments, requireObject(args, known));
        const { body } = await client.get(`${TM_API}/training-jobs/${trainingJobId}/status`);
        return { trainingJobId, steps: body ?? {} };
      }
      default:
        throw new ToolArgumentsError(`Unknown tool ${tool}`);
    }
  }

  private async createFeatureGroup(
    client: TrainingManagerClient,
    flat: Record<string, unknown>,
  ): Promise<unknown> {
    const args = await validated(CreateFeatureGroupArguments, {
      datalake_source: DEFAULT_DATALAKE_SOURCE,
      enable_dme: false,
      ...flat,
    });
    // The TM's FeatureGroupSchema takes these fields as they are; like its agent, absent optionals are left out.
    const body = Object.fromEntries(Object.entries({ ...args }).filter(([, value]) => value !== undefined));
    const { status, body: created } = await client.post(`${TM_API}/featureGroup`, body);
    return { created: true, status, featureGroup: summarizeFeatureGroup(created ?? body) };
  }

  private async createTrainingJob(
    client: TrainingManagerClient,
    flat: Record<string, unknown>,
  ): Promise<unknown> {
    const args = await validated(CreateTrainingJobArguments, flat);
    // The TM refuses a model MME does not know, or one whose modelLocation differs from the registered one.
    const [model] = await this.models.discover({
      modelName: args.modelName,
      modelVersion: args.modelVersion,
    });
    const pipeline = args.trainingPipelineName;
    const pipelineVersion = args.trainingPipelineVersion || pipeline;
    const body = {
      modelId: { modelName: args.modelName, modelVersion: args.modelVersion },
      modelLocation: model.modelLocation,
      trainingConfig: {
        description: args.description ?? '',
        dataPipeline: {
          // Empty: the TM derives the feature group from the model's input data type.
          feature_group_name: args.featureGroupName ?? '',
          query_filter: args.queryFilter ?? '',
          arguments: pipelineArguments(args),
        },
        trainingPipeline: {
          training_pipeline_name: pipeline,
          training_pipeline_version: pipelineVersion,
          retraining_pipeline_name: args.retrainingPipelineName || pipeline,
          retraining_pipeline_version: args.retrainingPipelineVersion || pipelineVersion,
        },
      },
    };
    const { status, body: answer } = await client.post(`${TM_API}/training-jobs`, body);
    // The TM answers 201 with the job (its id) and a Location header.
    const id = (answer as { id?: unknown } | undefined)?.id;
    return {
      created: true,
      status,
      trainingJobId: typeof id === 'number' ? id : null,
      modelName: args.modelName,
      modelVersion: args.modelVersion,
    };
  }

  private setStatus(available: boolean, reason: string | null): void {
    if (available !== this.current.available) {
      if (available)
        this.logger.log({ url: this.current.url }, 'Training Manager reachable: workflow tools on');
      else
        this.logger.warn(
          { url: this.current.url, reason },
          'Training Manager unavailable: workflow tools off',
        );
    }
    this.current = { url: this.current.url, available, reason };
  }
}

/** The TM's pipelines take string arguments (trainingmgr_main converts them too). */
function pipelineArguments(args: CreateTrainingJobArguments): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(args.arguments ?? {})) out[key] = String(value);
  if (args.epochs !== undefined) out.epochs = String(args.epochs);
  return out;
}

function listIn(body: unknown, key?: string): Record<string, unknown>[] {
  const list =
    key && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : body;
  if (!Array.isArray(list)) {
    throw new TrainingManagerError('The Training Manager answered a list in an unexpected shape', false);
  }
  return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

/** Never the data lake token: the answer goes to the model and to the client. */
function summarizeFeatureGroup(group: unknown): Record<string, unknown> {
  const g = (typeof group === 'object' && group !== null ? group : {}) as Record<string, unknown>;
  return {
    featuregroup_name: g.featuregroup_name,
    feature_list: g.feature_list,
    datalake_source: g.datalake_source,
    enable_dme: g.enable_dme,
    host: g.host,
    port: g.port,
    bucket: g.bucket,
    measurement: g.measurement,
    db_org: g.db_org,
  };
}

function summarizeTrainingJob(job: Record<string, unknown>): Record<string, unknown> {
  const modelId = (job.modelId ?? {}) as Record<string, unknown>;
  const config = (job.training_config ?? {}) as Record<string, unknown>;
  const dataPipeline = (config.dataPipeline ?? {}) as Record<string, unknown>;
  return {
    id: job.id,
    modelName: modelId.modelname,
    modelVersion: modelId.modelversion,
    artifactVersion: modelId.artifactversion,
    featureGroupName: dataPipeline.feature_group_name,
    description: config.description,
  };
}
