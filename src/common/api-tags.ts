export const OPERATIONS_TAG = 'operations';

/**
 * The OpenAPI document's tags, in the order Swagger UI shows them: the API first, then what operators
 * use. Every controller's @ApiTags names one of these.
 */
export const API_TAGS: ReadonlyArray<readonly [name: string, description: string]> = [
  ['model registration', 'Register, read, update and delete models (R1AP ModelRelatedInformation)'],
  ['model discovery', 'Find registered models by name and version'],
  ['model archives', "Upload and download a model's .zip archives"],
  [
    'assistant',
    'Experimental: a chat assistant that registers and finds models (an API key whenever API_KEYS is set)',
  ],
  ['deprecated', 'Go-service endpoints that AIMLFW pipelines still call; each names its replacement'],
  [OPERATIONS_TAG, 'Health probes for Kubernetes and Prometheus metrics; they never need an API key'],
];
