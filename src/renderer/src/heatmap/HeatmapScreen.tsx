import { useCallback, useRef, useState } from 'react';
import type { DocRef, PassageRef } from '../../../shared/api/methods/documents';
import { useClient } from '../api/ClientContext';
import { useCoreEvent } from '../api/useCoreEvent';
import { useCoreQuery } from '../api/useCoreQuery';
import { useTabRoute } from '../routing/hashRouter';
import type { HeatmapView } from '../routing/route';
import { ExploreView } from '../explore/ExploreView';
import { ViewerPane } from '../viewer/ViewerPane';
import type { ViewerTarget } from '../viewer/viewerTarget';
import { ColourControls } from './ColourControls';
import { ClustersView, DocumentsView } from './DocumentsView';
import { DuplicatesView } from './DuplicatesView';
import type { ColourView } from './HeatmapPlot';
import { ModelsView } from './ModelsView';
import { PairViewer, targetFromRef, type DocPair } from './PairViewer';
import { QueryView } from './QueryView';
import { TimeView } from './TimeView';
import { modelField, type PairSide } from './viewShared';
import './heatmap.css';

const views: Array<{ id: HeatmapView; label: string }> = [
  { id: 'documents', label: 'Documents' },
  { id: 'clusters', label: 'Clusters' },
  { id: 'query', label: 'Query' },
  { id: 'models', label: 'Models' },
  { id: 'time', label: 'Over time' },
  { id: 'duplicates', label: 'Duplicates' },
  { id: 'explore', label: 'Explore' },
];

/**
 * The Heatmaps section: similarity of documents, clusters, a query's results, two models and time
 * windows, near-duplicates, and the vector-space explorer. One model (and one colour scale and range)
 * applies to every view; a click on a cell opens both documents side by side.
 */
export function HeatmapScreen() {
  // The view (heatmap kind) and model are in the URL.
  const [route, setRoute] = useTabRoute('heatmaps');
  const { view, model } = route;
  const setView = (next: HeatmapView) => setRoute({ view: next });
  const setModel = (next: string) => setRoute({ model: next });
  const [colours, setColours] = useState<ColourView>({ colorscale: 'Viridis', zmin: null, zmax: null });
  const [block, setBlock] = useState<{ row: number; col: number } | null>(null);
  const [pair, setPair] = useState<{ docs: DocPair; score: number | null } | null>(null);
  const [single, setSingle] = useState<ViewerTarget | null>(null);
  const client = useClient();
  const status = useCoreQuery('library.status', {});
  useCoreEvent('library.changed', status.reload);
  const models = status.data?.models ?? [];

  // A cell names two documents, not where they match: ask the core for their closest passages and
  // open each there (not both at page 1). Sides that come with a passage or page (duplicates, query
  // results) open as given. A later click wins over a slower earlier answer.
  const latestPair = useRef(0);
  const openPair = useCallback(
    (a: PairSide, b: PairSide, score: number) => {
      const call = ++latestPair.current;
      // A document against itself (a diagonal cell) is one document: open it once.
      if (a.doc.docId === b.doc.docId) return setSingle(targetFromRef(a.doc, a.page ?? null, a.passage));
      const show = (pa: PassageRef | null | undefined, pb: PassageRef | null | undefined) =>
        call === latestPair.current &&
        setPair({
          docs: [targetFromRef(a.doc, a.page, pa), targetFromRef(b.doc, b.page, pb)],
          score,
        });
      if (a.passage || b.passage || a.page != null || b.page != null) return show(a.passage, b.passage);
      client.call('heatmap.pair', { a: a.doc.docId, b: b.doc.docId, ...modelField(model) }).then(
        (r) => show(r.match?.a, r.match?.b),
        // Without the passages (e.g. the library changed meanwhile) the documents still open.
        () => show(null, null),
      );
    },
    [client, model],
  );
  const openOne = useCallback((doc: DocRef, page: number | null) => setSingle(targetFromRef(doc, page)), []);

  if (status.data && status.data.documents.ok === 0) {
    return (
      <section className="not-yet" data-testid="heatmap-empty">
        <h2>Heatmaps</h2>
        <p>Add documents to the library first: the heatmaps compare what it holds.</p>
      </section>
    );
  }

  return (
    <div className="heatmap-screen">
      <div className="heatmap-toolbar">
        <div role="tablist" aria-label="Heatmap views" className="heatmap-tabs">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <label>
          Model{' '}
          <select
            value={model}
            onChange={(e) => {
              setModel(e.target.value);
              setBlock(null);
            }}
            aria-label="Model"
          >
            <option value="">default</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} ({m.dims}-d)
              </option>
            ))}
          </select>
        </label>
        {view !== 'duplicates' && view !== 'explore' && (
          <ColourControls view={colours} onChange={setColours} />
        )}
      </div>
      {view === 'documents' && (
        <DocumentsView model={model} colours={colours} openPair={openPair} block={block} onBlock={setBlock} />
      )}
      {view === 'clusters' && (
        <ClustersView
          model={model}
          colours={colours}
          onBlock={(b) => {
            setBlock(b);
            setView('documents');
          }}
        />
      )}
      {view === 'query' && <QueryView model={model} colours={colours} openPair={openPair} />}
      {view === 'models' && <ModelsView model={model} colours={colours} openPair={openPair} />}
      {view === 'time' && <TimeView model={model} colours={colours} />}
      {view === 'duplicates' && <DuplicatesView model={model} openPair={openPair} />}
      {view === 'explore' && <ExploreView model={model} onOpen={openOne} />}
      {pair && <PairViewer pair={pair.docs} score={pair.score} onClose={() => setPair(null)} />}
      {single && !pair && (
        <div className="pair-viewer" data-testid="single-viewer">
          <ViewerPane target={single} onClose={() => setSingle(null)} />
        </div>
      )}
    </div>
  );
}
