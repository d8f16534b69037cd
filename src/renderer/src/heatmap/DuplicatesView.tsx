import { useState } from 'react';
import type { DocRef } from '../../../shared/api/methods/documents';
import type { DuplicateGroup } from '../../../shared/api/methods/duplicates';
import { useCoreEvent } from '../api/useCoreEvent';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

function GroupList({
  groups,
  kind,
  openPair,
}: {
  groups: DuplicateGroup[];
  kind: 'exact' | 'near';
  openPair: ViewProps['openPair'];
}) {
  if (groups.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="duplicate-groups" data-testid={`duplicates-${kind}`}>
      {groups.map((group, g) => {
        const byId = new Map<string, DocRef>(group.documents.map((d) => [d.docId, d]));
        return (
          <li key={g} className="duplicate-group" data-testid="duplicate-group">
            <div className="muted small">
              {group.documents.length} documents
              {kind === 'near' ? `, best pair ${group.best.toFixed(3)}` : ', identical files'}
            </div>
            <ul>
              {group.pairs.map((p) => {
                const a = byId.get(p.a);
                const b = byId.get(p.b);
                if (!a || !b) return null;
                return (
                  <li key={`${p.a}:${p.b}`} className="duplicate-pair" data-testid="duplicate-pair">
                    <span title={a.path}>{a.title}</span>
                    <span className="muted"> and </span>
                    <span title={b.path}>{b.title}</span>
                    <span className="duplicate-score">{p.score.toFixed(3)}</span>
                    <button type="button" onClick={() => openPair({ doc: a }, { doc: b }, p.score)}>
                      Side by side
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

/** Exact duplicates (same file content) and near-duplicates above a similarity threshold, in groups. */
export function DuplicatesView({ model, openPair }: Omit<ViewProps, 'colours'>) {
  const [threshold, setThreshold] = useState(0.95);
  const result = useOptionalCall('duplicates.list', { threshold, ...modelField(model) });
  useCoreEvent('library.changed', result.reload);
  const data = result.data;
  return (
    <div className="heatmap-view">
      <div className="heatmap-form">
        <label>
          Near-duplicate threshold{' '}
          <input
            type="range"
            min={0.8}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            aria-label="Similarity threshold"
          />{' '}
          <output>{threshold.toFixed(2)}</output>
        </label>
      </div>
      <Status loading={result.loading && !data} error={result.error} />
      {data && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            {data.documents} documents compared with {data.model} (
            {data.method === 'exact' ? 'every pair' : 'an HNSW graph'}).
          </p>
          <h4>Exact duplicates ({data.exact.length})</h4>
          <GroupList groups={data.exact} kind="exact" openPair={openPair} />
          <h4>Near-duplicates ({data.near.length})</h4>
          <GroupList groups={data.near} kind="near" openPair={openPair} />
        </>
      )}
    </div>
  );
}
