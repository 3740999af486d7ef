import { href } from '../routing/route';
import { nextSort, sortModels, type Sort, type SortKey } from './model-sort';
import type { Model } from './model-types';

const COLUMNS: [SortKey, string][] = [
  ['name', 'Name'],
  ['version', 'Version'],
  ['artifactVersion', 'Artifact version'],
  ['author', 'Author'],
  ['owner', 'Owner'],
];

interface Props {
  models: readonly Model[];
  sort: Sort;
  onSort: (sort: Sort) => void;
}

/**
 * The registrations of one page; the column headers are buttons that sort it. Only this page: the
 * service pages in its own order (no sort parameter), so the UI says so.
 */
export function ModelTable({ models, sort, onSort }: Props) {
  const label = COLUMNS.find(([key]) => key === sort.key)?.[1] ?? sort.key;
  return (
    <>
      <p className="hint sort-hint">Select a column header to sort this page.</p>
      <table className="models">
        <caption className="visually-hidden">
          Registered models on this page, sorted by {label}, {sort.direction}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : 'none'}>
                <button type="button" className="sort" onClick={() => onSort(nextSort(sort, key))}>
                  {label}
                  <span aria-hidden="true">
                    {sort.key === key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {sortModels(models, sort).map((model) => (
            <tr key={model.id}>
              <td>
                <a href={href.model(model.id)}>{model.modelId.modelName}</a>
              </td>
              <td>{model.modelId.modelVersion}</td>
              <td>{model.modelId.artifactVersion}</td>
              <td>{model.modelInformation.metadata.author}</td>
              <td>{model.modelInformation.metadata.owner}</td>
              <td className="description">{model.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
