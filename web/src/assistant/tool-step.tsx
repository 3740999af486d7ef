import { href } from '../routing/route';
import type { AgentStep } from './chat-types';

type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null ? (value as Fields) : {};
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** What a tool call did, in words: what was registered, which training job started. */
export function describeStep(step: AgentStep): string {
  const args = fields(step.arguments);
  if (!step.ok) return `${step.tool} failed: ${step.error ?? 'no reason given'}`;
  const result = fields(step.result);
  const modelId = fields(result.modelId);
  switch (step.tool) {
    case 'register_model':
      return `Registered model ${text(modelId.modelName)} version ${text(modelId.modelVersion)}`;
    case 'update_model':
      return `Updated model ${text(modelId.modelName ?? args.modelName)} version ${text(modelId.modelVersion ?? args.modelVersion)}`;
    case 'delete_model':
      return `Deleted model ${text(args.modelName)} version ${text(args.modelVersion)}`;
    case 'create_training_job':
      return `Started training job ${text(result.trainingJobId)} for model ${text(result.modelName ?? args.modelName)} version ${text(result.modelVersion ?? args.modelVersion)}`;
    case 'create_feature_group':
      return `Created feature group ${text(args.featuregroup_name)}`;
    case 'list_models':
      return `Listed models (${Array.isArray(step.result) ? step.result.length : 0} found)`;
    default:
      return `Ran ${step.tool}`;
  }
}

/** One tool step as it happened, with a link to the registration it made. */
export function ToolStep({ step }: { step: AgentStep }) {
  const id = text(fields(step.result).id);
  const linksModel = step.ok && (step.tool === 'register_model' || step.tool === 'update_model') && id;
  return (
    <li className={step.ok ? 'step' : 'step failed'}>
      <span className="step-tool">{step.tool}</span> {describeStep(step)}
      {linksModel && (
        <>
          {' '}
          (<a href={href.model(id)}>open</a>)
        </>
      )}
    </li>
  );
}
