import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { OptionalText, RequiredText } from '../../common/text.decorators';
import { MODEL_NAME_PATTERN, MODEL_VERSION_PATTERN } from '../../models/dto/model-registration.dto';

/** The TM's own rule for feature group names (featuregroup_controller: `\w+`, 3 to 63 characters). */
export const FEATURE_GROUP_NAME_PATTERN = /^\w{3,63}$/;
/** Comma-separated feature names, e.g. "pdcpBytesDl,pdcpBytesUl". */
const FEATURE_LIST_PATTERN = /^[\w.-]+(,[\w.-]+)*$/;
const PORT_PATTERN = /^\d{1,5}$/;

/** create_feature_group: the arguments of the TM agent's own tool (trainingmgr/service/agent_service.py). */
export class CreateFeatureGroupArguments {
  @IsString()
  @Matches(FEATURE_GROUP_NAME_PATTERN, {
    message: 'featuregroup_name must be 3 to 63 letters, digits or "_"',
  })
  featuregroup_name: string;

  @IsString()
  @Matches(FEATURE_LIST_PATTERN, {
    message: 'feature_list must be comma-separated feature names, e.g. "pdcpBytesDl,pdcpBytesUl"',
  })
  feature_list: string;

  @RequiredText()
  datalake_source: string;

  @IsBoolean()
  enable_dme: boolean;

  @RequiredText()
  host: string;

  @IsString()
  @Matches(PORT_PATTERN, { message: 'port must be a port number, e.g. "8086"' })
  port: string;

  @RequiredText()
  bucket: string;

  @RequiredText()
  token: string;

  @RequiredText()
  measurement: string;

  @RequiredText()
  db_org: string;

  // The TM creates a DME job with these when enable_dme is true.
  @ValidateIf((args: CreateFeatureGroupArguments) => args.enable_dme || args.dme_port !== undefined)
  @IsString()
  @Matches(PORT_PATTERN, { message: 'dme_port must be a port number (required when enable_dme is true)' })
  dme_port?: string;

  @ValidateIf((args: CreateFeatureGroupArguments) => args.enable_dme)
  @RequiredText()
  source_name?: string;

  @ValidateIf((args: CreateFeatureGroupArguments) => args.enable_dme)
  @RequiredText()
  measured_obj_class?: string;
}

/** create_training_job: a registered model, its feature group and the Kubeflow pipeline that trains it. */
export class CreateTrainingJobArguments {
  @IsString()
  @Matches(MODEL_NAME_PATTERN)
  modelName: string;

  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  modelVersion: string;

  @IsOptional()
  @IsString()
  @Matches(FEATURE_GROUP_NAME_PATTERN, {
    message: 'featureGroupName must be 3 to 63 letters, digits or "_"',
  })
  featureGroupName?: string;

  @RequiredText()
  trainingPipelineName: string;

  @OptionalText()
  trainingPipelineVersion?: string;

  @OptionalText()
  retrainingPipelineName?: string;

  @OptionalText()
  retrainingPipelineVersion?: string;

  @OptionalText()
  description?: string;

  @OptionalText()
  queryFilter?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  epochs?: number;

  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}

export class TrainingJobIdArguments {
  @IsInt()
  @Min(1)
  trainingJobId: number;
}
