import { useState } from 'react';
import type { SearchMode } from '../../../shared/api/methods/search';
import { useTabRoute } from '../routing/hashRouter';
import { HeatmapPlot } from './HeatmapPlot';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

/**
 * Query x results: the top-k chunks of a search against each other, with the query's own row on top,
 * so answers that belong together show as a bright block.
 */
export function QueryView({ model, colours, openPair }: ViewProps) {
  // Starts from the Search screen's query and mode, so both show the same ranking of the same search.
  const [lastSearch] = useTabRoute('search');
  const [typed, setTyped] = useState(lastSearch.q.trim());
  const [k, setK] = useState(15);
  const [mode, setMode] = useState<SearchMode>(lastSearch.mode);
  const [asked, setAsked] = useState<{ q: string; k: number; mode: SearchMode } | null>(null);
  const result = useOptionalCall(
    'heatmap.get',
    asked ? { kind: 'query', ...asked, ...modelField(model) } : null,
  );
  const map = result.data?.kind === 'query' ? result.data : null;
  return (
    <div className="heatmap-view">
      <form
        className="heatmap-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) setAsked({ q: typed.trim(), k, mode });
        }}
      >
        <input
          type="search"
          aria-label="Query"
          placeholder="A question or phrase (+part -part works too)"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <label>
          top{' '}
          <select value={k} onChange={(e) => setK(Number(e.target.value))} aria-label="Results">
            {[5, 10, 15, 20, 30, 50].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          Search{' '}
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as SearchMode)}
            aria-label="Search mode"
          >
            <option value="hybrid">Hybrid</option>
            <option value="semantic">Semantic</option>
            <option value="keyword">Keyword</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={!typed.trim()}>
          Show
        </button>
      </form>
      <Status loading={result.loading} error={result.error} />
      {!asked && <p className="muted">Type a query to see how its answers relate to each other.</p>}
      {map && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            The query and its top {map.rows.length - 1} results ({map.mode} search, {map.model}): cosine
            similarity of their vectors. Click a cell to read both passages.
          </p>
          <HeatmapPlot
            title={`Query and results: ${map.query}`}
            testId="heatmap-query"
            rows={map.rows}
            cols={map.cols}
            values={map.values}
            range={map.range}
            view={colours}
            symmetric
            onCellClick={(r, c) => {
              const a = map.rows[r];
              const b = map.cols[c];
              if (a?.doc && b?.doc)
                openPair(
                  { doc: a.doc, page: a.page },
                  { doc: b.doc, page: b.page },
                  map.values[r * map.cols.length + c] as number,
                );
            }}
          />
        </>
      )}
    </div>
  );
}
