import { useEffect, useState } from 'react';
import { api } from './api/client';
import type { components } from './api/schema';

type Model = components['schemas']['ModelRelatedInformationResponseDto'];

export function App() {
  const [models, setModels] = useState<Model[]>([]);
  useEffect(() => {
    void api.GET('/ai-ml-model-discovery/v1/models').then(({ data }) => setModels(data ?? []));
  }, []);
  return (
    <main>
      <h1>Models</h1>
      <ul>
        {models.map((model) => (
          <li key={model.id}>
            {model.modelId.modelName} {model.modelId.modelVersion}
          </li>
        ))}
      </ul>
    </main>
  );
}
