import type { ChatMessage, ToolCall } from '../llm-provider';
import type { Language } from './replies';

interface ModelView {
  id: string;
  modelId: { modelName: string; modelVersion: string; artifactVersion: string };
  description: string;
  modelInformation: {
    metadata: { author: string; owner: string };
    inputDataType: string;
    outputDataType: string;
    targetEnvironment: unknown[];
  };
  modelLocation: string;
}

type Outcome = Record<string, unknown>;

/** The turn after tool calls: what each tool of the previous turn did, one sentence each. */
export function summarizeToolResults(messages: readonly ChatMessage[], lang: Language): string {
  const calls = new Map<string, ToolCall>();
  for (const message of messages) {
    if (message.role === 'assistant')
      for (const toolCall of message.toolCalls) calls.set(toolCall.id, toolCall);
  }
  const results: string[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index].role === 'tool'; index -= 1) {
    const message = messages[index] as Extract<ChatMessage, { role: 'tool' }>;
    results.unshift(summarize(calls.get(message.toolCallId), parse(message.content), lang));
  }
  return results.join(' ');
}

function parse(json: string): Outcome {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as Outcome) : { value };
  } catch {
    return {};
  }
}

function summarize(call: ToolCall | undefined, outcome: Outcome, lang: Language): string {
  const args = call ? (parse(call.arguments) as Record<string, string>) : {};
  const model =
    lang === 'ko'
      ? `모델 ${args.modelName} 버전 ${args.modelVersion}`
      : `model ${args.modelName} version ${args.modelVersion}`;
  if (typeof outcome.error === 'string') {
    return lang === 'ko'
      ? `${failedAction(call?.name, args, model, lang)} 실패했습니다: ${outcome.error}`
      : `I could not ${failedAction(call?.name, args, model, lang)}: ${outcome.error}`;
  }
  const ko = lang === 'ko';
  switch (call?.name) {
    case 'register_model': {
      const view = outcome as unknown as ModelView;
      return ko
        ? `${model}을(를) 등록했습니다 (id ${view.id}, 아티팩트 버전 ${view.modelId.artifactVersion}).`
        : `Registered ${model} (id ${view.id}, artifact version ${view.modelId.artifactVersion}).`;
    }
    case 'get_model':
      return describeModel(outcome as unknown as ModelView, lang);
    case 'update_model':
      return ko
        ? `${model}을(를) 수정했습니다. ${describeModel(outcome as unknown as ModelView, lang)}`
        : `Updated ${model}. ${describeModel(outcome as unknown as ModelView, lang)}`;
    case 'delete_model':
      if (outcome.confirmationRequired === true) {
        return ko
          ? `${model}을(를) 삭제하면 아카이브도 함께 삭제됩니다. "네"라고 답하면 삭제하고, "아니요"라고 답하면 그대로 둡니다. 삭제할까요?`
          : `Deleting ${model} also deletes its archives; answer yes to delete it or no to keep it. Delete it?`;
      }
      return ko ? `${model}을(를) 삭제했습니다.` : `Deleted ${model}.`;
    case 'get_model_archive':
      return ko
        ? `${model}(아티팩트 ${String(outcome.artifactVersion)})의 아카이브: ${String(outcome.path ?? outcome.url)}`
        : `The archive of ${model} (artifact version ${String(outcome.artifactVersion)}) is at ${String(outcome.path ?? outcome.url)}.`;
    case 'list_models':
      return listSentence(
        outcome,
        'models',
        (m) => `${String(m.modelName)} version ${String(m.modelVersion)}`,
        lang,
        {
          none: ko
            ? '등록된 모델이 없습니다.'
            : args.modelName
              ? `No model named ${args.modelName} is registered.`
              : 'No models are registered.',
          some: (n) => (ko ? `등록된 모델 ${n}개` : `${n} model${n === 1 ? ' is' : 's are'} registered`),
        },
      );
    case 'list_feature_groups':
      return listSentence(
        outcome,
        'featureGroups',
        (g) => `${String(g.featuregroup_name)} (${String(g.feature_list)})`,
        lang,
        {
          none: ko ? '피처 그룹이 없습니다.' : 'There are no feature groups.',
          some: (n) => (ko ? `피처 그룹 ${n}개` : `${n} feature group${n === 1 ? '' : 's'}`),
        },
      );
    case 'list_training_jobs':
      return listSentence(
        outcome,
        'trainingJobs',
        (j) => `#${String(j.id)} ${String(j.modelName)} version ${String(j.modelVersion)}`,
        lang,
        {
          none: ko ? '학습 작업이 없습니다.' : 'There are no training jobs.',
          some: (n) => (ko ? `학습 작업 ${n}개` : `${n} training job${n === 1 ? '' : 's'}`),
        },
      );
    case 'create_feature_group':
      return ko
        ? `피처 그룹 ${args.featuregroup_name}을(를) 만들었습니다 (피처 ${args.feature_list}).`
        : `Created feature group ${args.featuregroup_name} with features ${args.feature_list}.`;
    case 'create_training_job': {
      const id = typeof outcome.trainingJobId === 'number' ? outcome.trainingJobId : undefined;
      if (id === undefined)
        return ko ? `${model}의 학습 작업을 시작했습니다.` : `Started a training job for ${model}.`;
      return ko
        ? `${model}의 학습 작업 ${id}을(를) 시작했습니다. "학습 작업 ${id} 상태 알려줘"로 진행 상황을 볼 수 있습니다.`
        : `Started training job ${id} for ${model}; ask "status of training job ${id}" to follow it.`;
    }
    case 'training_job_status': {
      const steps = Object.entries((outcome.steps ?? {}) as Record<string, unknown>).map(
        ([step, state]) => `${step} ${String(state)}`,
      );
      const id = String(outcome.trainingJobId);
      if (steps.length === 0)
        return ko ? `학습 작업 ${id}의 상태 정보가 없습니다.` : `Training job ${id} reports no steps yet.`;
      return ko ? `학습 작업 ${id}: ${steps.join(', ')}.` : `Training job ${id}: ${steps.join(', ')}.`;
    }
    default:
      return JSON.stringify(outcome);
  }
}

function failedAction(
  tool: string | undefined,
  args: Record<string, string>,
  model: string,
  lang: Language,
): string {
  const ko = lang === 'ko';
  switch (tool) {
    case 'list_models':
      return ko ? '모델 목록 조회에' : 'list the models';
    case 'get_model':
      return ko ? `${model} 조회에` : `show ${model}`;
    case 'update_model':
      return ko ? `${model} 수정에` : `update ${model}`;
    case 'delete_model':
      return ko ? `${model} 삭제에` : `delete ${model}`;
    case 'get_model_archive':
      return ko ? `${model} 아카이브 조회에` : `find the archive of ${model}`;
    case 'list_feature_groups':
      return ko ? '피처 그룹 목록 조회에' : 'list the feature groups';
    case 'create_feature_group':
      return ko
        ? `피처 그룹 ${args.featuregroup_name} 생성에`
        : `create feature group ${args.featuregroup_name}`;
    case 'list_training_jobs':
      return ko ? '학습 작업 목록 조회에' : 'list the training jobs';
    case 'create_training_job':
      return ko ? `${model} 학습 시작에` : `start training ${model}`;
    case 'training_job_status':
      return ko
        ? `학습 작업 ${String(args.trainingJobId)} 상태 조회에`
        : `get the status of training job ${String(args.trainingJobId)}`;
    default:
      return ko ? `${model} 등록에` : `register ${model}`;
  }
}

function listSentence(
  outcome: Outcome,
  key: string,
  name: (item: Record<string, unknown>) => string,
  lang: Language,
  words: { none: string; some: (n: number) => string },
): string {
  const total = Number(outcome.total ?? 0);
  const items = (outcome[key] ?? []) as Record<string, unknown>[];
  if (total === 0) return words.none;
  const shown =
    items.length < total
      ? lang === 'ko'
        ? ` (처음 ${items.length}개)`
        : ` (the first ${items.length} shown)`
      : '';
  return `${words.some(total)}${shown}: ${items.map(name).join(', ')}.`;
}

function describeModel(model: ModelView, lang: Language): string {
  const { modelId, modelInformation: info } = model;
  if (lang === 'ko') {
    return (
      `모델 ${modelId.modelName} 버전 ${modelId.modelVersion}: ${model.description}. ` +
      `작성자 ${info.metadata.author}, 소유자 ${info.metadata.owner || '(없음)'}, 입력 ${info.inputDataType}, ` +
      `출력 ${info.outputDataType}, 위치 ${model.modelLocation || '(없음)'}, 아티팩트 버전 ${modelId.artifactVersion}, id ${model.id}.`
    );
  }
  return (
    `Model ${modelId.modelName} version ${modelId.modelVersion}: ${model.description}. ` +
    `Author ${info.metadata.author}, owner ${info.metadata.owner || '(none)'}, ` +
    `input ${info.inputDataType}, output ${info.outputDataType}, ` +
    `location ${model.modelLocation || '(none)'}, artifact version ${modelId.artifactVersion}, ` +
    `${info.targetEnvironment.length} target environment(s), id ${model.id}.`
  );
}
