import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/call';
import { api } from '../api/client';
import type { Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { href } from '../routing/route';
import { nextPageToken } from './link-header';
import type { Sort } from './model-sort';
import { ModelTable } from './model-table';
import type { Model } from './model-types';

interface Search {
  name: string;
  version: string;
}

const PAGE_SIZES = [10, 25, 50];

/** The registrations, searched by name and version, one page at a time (the Link header's token). */
export function ModelListPage() {
  const [draft, setDraft] = useState<Search>({ name: '', version: '' });
  const [search, setSearch] = useState<Search>({ name: '', version: '' });
  const [pageSize, setPageSize] = useState(10);
  // The tokens of the pages before this one ('' is the first page) and of this one.
  const [tokens, setTokens] = useState<string[]>([]);
  const [token, setToken] = useState('');
  const [models, setModels] = useState<Model[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'name', direction: 'ascending' });

  useEffect(() => {
    // One request per search or page: a newer one aborts the one before, so it never lands late.
    const controller = new AbortController();
    const load = async () => {
      const query = {
        'page-size': pageSize,
        ...(token ? { 'page-token': token } : {}),
        ...(search.name ? { 'model-name': search.name } : {}),
        ...(search.version ? { 'model-version': search.version } : {}),
      };
      const outcome = await call(() =>
        api.GET('/ai-ml-model-discovery/v1/models', { params: { query }, signal: controller.signal }),
      );
      if (outcome.ok) {
        setProblem(null);
        setModels(outcome.data);
        setNext(nextPageToken(outcome.response.headers.get('Link')));
      } else if (outcome.problem.status === 404) {
        // Name and version together answer 404 when nothing matches: an empty result here.
        setProblem(null);
        setModels([]);
        setNext(null);
      } else {
        setProblem(outcome.problem);
        setModels(null);
      }
    };
    load().catch((error: unknown) => {
      if ((error as Error).name !== 'AbortError') throw error;
    });
    return () => controller.abort();
  }, [pageSize, token, search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTokens([]);
    setToken('');
    setSearch({ name: draft.name.trim(), version: draft.version.trim() });
  };
  const clear = () => {
    setDraft({ name: '', version: '' });
    setTokens([]);
    setToken('');
    setSearch({ name: '', version: '' });
  };

  const pageNumber = tokens.length + 1;
  return (
    <section aria-labelledby="models-title">
      <div className="page-head">
        <h1 id="models-title">Models</h1>
        <a className="button primary" href={href.register}>
          Register a model
        </a>
      </div>
      <form className="search" role="search" aria-label="Search models" onSubmit={submit}>
        <div className="field">
          <label htmlFor="search-name">Model name</label>
          <input
            id="search-name"
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="search-version">Model version</label>
          <input
            id="search-version"
            value={draft.version}
            onChange={(event) => setDraft({ ...draft, version: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="page-size">Per page</label>
          <select
            id="page-size"
            value={pageSize}
            onChange={(event) => {
              setTokens([]);
              setToken('');
              setPageSize(Number(event.target.value));
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          Search
        </button>
        <button type="button" onClick={clear}>
          Clear
        </button>
      </form>
      {problem && <ProblemAlert problem={problem} />}
      {models && models.length === 0 && (
        <p className="empty" role="status">
          {search.name || search.version ? 'No model matches this search.' : 'No model is registered yet.'}
        </p>
      )}
      {models && models.length > 0 && <ModelTable models={models} sort={sort} onSort={setSort} />}
      {models && (tokens.length > 0 || next) && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            disabled={tokens.length === 0}
            onClick={() => {
              setToken(tokens[tokens.length - 1]);
              setTokens(tokens.slice(0, -1));
            }}
          >
            Previous page
          </button>
          <span aria-live="polite">Page {pageNumber}</span>
          <button
            type="button"
            disabled={!next}
            onClick={() => {
              if (!next) return;
              setTokens([...tokens, token]);
              setToken(next);
            }}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
