import { useCallback, useEffect, useState } from 'react';
import { call } from '../api/call';
import { api } from '../api/client';
import type { Problem } from '../api/problem';
import type { ArtifactSummary, Model } from './model-types';

export interface ModelState {
  model: Model | null;
  artifacts: ArtifactSummary[];
  problem: Problem | null;
  reload: () => Promise<void>;
}

/** One registration and its archive history, reloadable (after an upload). */
export function useModel(id: string): ModelState {
  const [model, setModel] = useState<Model | null>(null);
  const [artifacts, setArtifacts] = useState<ArtifactSummary[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);

  const reload = useCallback(async () => {
    const params = { params: { path: { id } } };
    const found = await call(() => api.GET('/ai-ml-model-registration/v1/model-registrations/{id}', params));
    if (!found.ok) {
      setProblem(found.problem);
      return;
    }
    const history = await call(() =>
      api.GET('/ai-ml-model-registration/v1/model-registrations/{id}/artifacts', params),
    );
    setProblem(history.ok ? null : history.problem);
    setModel(found.data);
    setArtifacts(history.ok ? history.data : []);
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);
  return { model, artifacts, problem, reload };
}
