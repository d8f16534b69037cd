import { useState } from 'react';
import type { DocRef } from '../../../shared/api/methods/documents';
import type { DuplicateGroup, DuplicatePair, DuplicatePart } from '../../../shared/api/methods/duplicates';
import { useCoreEvent } from '../api/useCoreEvent';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

const fileName = (doc: DocRef) => doc.path.split(/[\\/]/).pop() ?? doc.path;

/** "page 3, page 7" or "2 passages": what one copy has that the other lacks. */
function describeParts(parts: DuplicatePart[] | undefined): string | null {
  if (!parts || parts.length === 0) return null;
  const pages = parts.filter((p) => p.page !== null).map((p) => p.page);
  if (pages.length === parts.length) return `page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`;
  return `${parts.length} passage${parts.length > 1 ? 's' : ''}`;
}

function Differences({ pair, a, b }: { pair: DuplicatePair; a: DocRef; b: DocRef }) {
  const onlyA = describeParts(pair.onlyInA);
  const onlyB = describeParts(pair.onlyInB);
  if (!onlyA && !onlyB) return <div className="muted small">Same text throughout.</div>;
  return (
    <div className="duplicate-differences small" data-testid="duplicate-differences">
      {onlyA && (
        <div title={pair.onlyInA?.map((p) => p.snippet).join('\n')}>
          Only in {fileName(a)}: {onlyA}
        </div>
      )}
      {onlyB && (
        <div title={pair.onlyInB?.map((p) => p.snippet).join('\n')}>
          Only in {fileName(b)}: {onlyB}
        </div>
      )}
    </div>
  );
}

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
              {group.documents.length} documents{kind === 'exact' ? ', identical files' : ''}
            </div>
            <ul>
              {group.pairs.map((p) => {
                const a = byId.get(p.a);
                const b = byId.get(p.b);
                if (!a || !b) return null;
                return (
                  <li key={`${p.a}:${p.b}`} className="duplicate-pair" data-testid="duplicate-pair">
                    <span title={a.path} className="duplicate-file">
                      {fileName(a)}
                    </span>
                    <span className="muted"> and </span>
                    <span title={b.path} className="duplicate-file">
                      {fileName(b)}
                    </span>
                    {kind === 'near' && (
                      <span className="duplicate-score" title={`vector similarity ${p.score.toFixed(3)}`}>
                        {Math.round((p.overlap ?? 0) * 100)}% shared text
                      </span>
                    )}
                    <button
                      type="button"
                      onClick={() =>
                        openPair(
                          { doc: a, passage: p.match?.a ?? null },
                          { doc: b, passage: p.match?.b ?? null },
                          p.score,
                        )
                      }
                    >
                      Side by side
                    </button>
                    {kind === 'near' && <Differences pair={p} a={a} b={b} />}
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

/**
 * Exact duplicates (same file content) and near-duplicates: documents whose vectors are close AND that
 * share most of their text, with where the copies differ and "side by side" at the matching passages.
 */
export function DuplicatesView({ model, openPair }: Omit<ViewProps, 'colours'>) {
  const [minOverlap, setMinOverlap] = useState(0.5);
  const result = useOptionalCall('duplicates.list', { minOverlap, ...modelField(model) });
  useCoreEvent('library.changed', result.reload);
  const data = result.data;
  return (
    <div className="heatmap-view">
      <div className="heatmap-form">
        <label>
          Shared text at least{' '}
          <input
            type="range"
            min={0.2}
            max={1}
            step={0.05}
            value={minOverlap}
            onChange={(e) => setMinOverlap(Number(e.target.value))}
            aria-label="Shared text threshold"
          />{' '}
          <output>{Math.round(minOverlap * 100)}%</output>
        </label>
      </div>
      <Status loading={result.loading && !data} error={result.error} />
      {data && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            {data.documents} documents compared with {data.model} (
            {data.method === 'exact' ? 'every pair' : 'an HNSW graph'}); {data.candidates} pairs with similar
            vectors had their text compared.
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
