import type { Frame } from './request-frame';

export type Language = 'en' | 'ko';

/** How each field is named in a question, and how the user may give it in one go. */
const FIELD_LABELS: Readonly<Record<string, { en: string; ko: string; clause: string }>> = {
  modelName: { en: 'the model name', ko: '모델 이름', clause: 'model <name>' },
  modelVersion: { en: 'the version', ko: '버전', clause: 'version <version>' },
  author: { en: 'the author', ko: '작성자', clause: 'author <name>' },
  description: { en: 'the description', ko: '설명', clause: 'description <text>' },
  inputDataType: { en: 'the input data type', ko: '입력 데이터 타입', clause: 'input <features>' },
  outputDataType: { en: 'the output data type', ko: '출력 데이터 타입', clause: 'output <features>' },
  featuregroup_name: { en: 'the feature group name', ko: '피처 그룹 이름', clause: 'feature group <name>' },
  feature_list: { en: 'the features', ko: '피처 목록', clause: 'features <a,b>' },
  host: { en: 'the data lake host', ko: '데이터 레이크 호스트', clause: 'host <host>' },
  port: { en: 'the data lake port', ko: '데이터 레이크 포트', clause: 'port <port>' },
  bucket: { en: 'the bucket', ko: '버킷', clause: 'bucket <bucket>' },
  token: { en: 'the data lake token', ko: '데이터 레이크 토큰', clause: 'token <token>' },
  measurement: { en: 'the measurement', ko: 'measurement', clause: 'measurement <name>' },
  db_org: { en: 'the database organisation', ko: 'DB 조직(org)', clause: 'org <org>' },
  trainingPipelineName: { en: 'the training pipeline', ko: '학습 파이프라인', clause: 'pipeline <name>' },
  trainingJobId: { en: 'the training job id', ko: '학습 작업 번호', clause: 'job <id>' },
  change: {
    en: 'what to change',
    ko: '바꿀 내용',
    clause: 'description <text> / author <name> / owner <team> / input <a,b> / output <a,b> / location <uri>',
  },
};

const ACTIONS: Readonly<Record<string, { en: string; ko: string }>> = {
  register_model: { en: 'register', ko: '등록' },
  get_model: { en: 'show', ko: '조회' },
  update_model: { en: 'update', ko: '수정' },
  delete_model: { en: 'delete', ko: '삭제' },
  get_model_archive: { en: 'find the archive of', ko: '아카이브 조회' },
  create_feature_group: { en: 'create', ko: '생성' },
  create_training_job: { en: 'train', ko: '학습' },
  training_job_status: { en: 'show the status of', ko: '상태 조회' },
};

function subject(frame: Frame, lang: Language): string {
  const a = frame.args;
  if (frame.intent === 'create_feature_group') {
    return lang === 'ko'
      ? `피처 그룹 ${a.featuregroup_name ?? ''}`.trim()
      : `feature group ${a.featuregroup_name ?? '<name>'}`;
  }
  if (frame.intent === 'training_job_status') return lang === 'ko' ? '학습 작업' : 'a training job';
  const name = a.modelName ?? '<name>';
  const version = a.modelVersion ?? '<version>';
  return lang === 'ko' ? `모델 ${name} 버전 ${version}` : `model ${name} version ${version}`;
}

/** The question for the first missing field, naming the others so that they can come all at once. */
export function askFor(frame: Frame, missing: readonly string[], lang: Language): string {
  if (frame.ambiguous) {
    const label = FIELD_LABELS[frame.ambiguous.field] ?? {
      en: frame.ambiguous.field,
      ko: frame.ambiguous.field,
    };
    return lang === 'ko'
      ? `${label.ko}은(는) 한 단어여야 합니다. "${frame.ambiguous.words}"(이)라고 읽었는데, 어느 것인가요? (예: ${frame.ambiguous.words.replace(/\s+/g, '-')})?`
      : `${capitalize(label.en)} must be one word, and I read "${frame.ambiguous.words}". Which one is it (e.g. ${frame.ambiguous.words.replace(/\s+/g, '-')})?`;
  }
  const [first, ...rest] = missing;
  const label = FIELD_LABELS[first];
  const action = ACTIONS[frame.intent] ?? { en: 'do that', ko: '처리' };
  const all = missing.map((field) => FIELD_LABELS[field]?.clause ?? field).join(' ');
  if (lang === 'ko') {
    const others =
      rest.length > 0
        ? ` (그 밖에 ${rest.map((f) => FIELD_LABELS[f]?.ko ?? f).join(', ')}도 필요합니다. 한 번에 보내도 됩니다: ${all})`
        : '';
    return `${subject(frame, lang)} ${action.ko}에 ${label.ko}이(가) 필요합니다${others}. ${label.ko}은(는) 무엇인가요?`;
  }
  const others =
    rest.length > 0
      ? ` I also need ${rest.map((f) => FIELD_LABELS[f]?.en ?? f).join(', ')}; you can give them all at once: ${all}.`
      : '';
  return `To ${action.en} ${subject(frame, lang)} I need ${label.en}.${others} What is ${label.en}?`;
}

export const HELP: Readonly<Record<Language, string>> = {
  en:
    "I can list, show, register, update and delete models, find a trained model's archive, and, with the " +
    'Training Manager, list and create feature groups, start training jobs and show their status. Try: ' +
    '"what models do we have?", "show model qoe version 1", ' +
    '"register model qoe version 1 description QoE prediction author alice input pdcpBytesDl output throughput", ' +
    '"create feature group cells with features pdcpBytesDl,pdcpBytesUl ...", ' +
    '"train model qoe version 1 on feature group cells with pipeline qoe_Pipeline" or "status of training job 3".',
  ko:
    '모델 목록·조회·등록·수정·삭제, 학습된 모델의 아카이브 위치, 그리고 Training Manager를 통한 피처 그룹 목록·생성, ' +
    '학습 작업 시작과 상태 조회를 할 수 있습니다. 예: "모델 목록 보여줘", "qoe 모델 버전 1 보여줘", ' +
    '"모델 qoe 버전 1 등록해줘 설명 QoE 예측 작성자 alice 입력 pdcpBytesDl 출력 throughput", ' +
    '"피처 그룹 cells 만들어줘 피처 pdcpBytesDl,pdcpBytesUl ...", "qoe 모델 버전 1 학습해줘 피처 그룹 cells 파이프라인 qoe_Pipeline", ' +
    '"학습 작업 3 상태 알려줘".',
};

export function unsupported(lang: Language): string {
  return lang === 'ko'
    ? '피처 그룹과 학습 작업은 목록 조회와 생성(학습 작업은 상태 조회도)만 할 수 있습니다.'
    : "Feature groups and training jobs can only be listed and created here (and a training job's status shown).";
}

export function cancelled(frame: Frame, lang: Language): string {
  if (frame.intent === 'delete_model') {
    return lang === 'ko'
      ? `${subject(frame, lang)}은(는) 삭제하지 않았습니다.`
      : `Not deleted: ${subject(frame, lang)} is kept.`;
  }
  return lang === 'ko' ? '요청을 취소했습니다.' : 'Cancelled; nothing was done.';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
