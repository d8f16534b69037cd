import { useMemo, useState } from 'react';
import { useCoreEvent } from '../api/useCoreEvent';
import { useCoreQuery } from '../api/useCoreQuery';
import { EmbedModelJob } from './EmbedModelJob';
import { HeatmapPlot, type ColourView } from './HeatmapPlot';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/**
 * Model A vs model B on the same documents: each model's similarity matrix side by side, their
 * difference, and per document the neighbour overlap and rank correlation, worst first. A model the
 * library has no (or not all) vectors for can be embedded from here as a background job.
 */
export function ModelsView({ model, colours, openPair }: ViewProps) {
  const status = useCoreQuery('library.status', {});
  const registry = useCoreQuery('models.list', {});
  useCoreEvent('library.changed', status.reload);
  const inLibrary = status.data?.models ?? [];
  const modelA = model || inLibrary[0]?.id || '';
  const candidates = (registry.data ?? []).filter((m) => m.id !== modelA);
  // The built-in model comes in two precisions (fp32, int8): comparing them is possible, but the user
  // still needs to learn how to add a different model.
  const onlyBuiltIn = candidates.every((m) => m.builtIn);
  const [chosen, setChosen] = useState('');
  const modelB = chosen || inLibrary.find((m) => m.id !== modelA)?.id || candidates[0]?.id || '';
  const vectorsB = inLibrary.find((m) => m.id === modelB)?.vectors ?? 0;
  const missing = Math.max(0, (status.data?.chunks ?? 0) - vectorsB);

  const result = useOptionalCall(
    'heatmap.get',
    modelB && vectorsB > 0 ? { kind: 'models', modelB, ...modelField(model) } : null,
  );
  const cmp = result.data?.kind === 'models' ? result.data : null;
  // The difference is drawn on a diverging scale centred on 0 (blue: B sees more similarity).
  const { diffView, diffRange } = useMemo(() => {
    let m = 0.05;
    for (const v of cmp?.difference ?? []) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    const view: ColourView = { colorscale: 'RdBu', zmin: -m, zmax: m };
    return { diffView: view, diffRange: [-m, m] as [number, number] };
  }, [cmp]);
  const click = (values: Float32Array) => (r: number, c: number) => {
    const a = cmp?.rows[r]?.doc;
    const b = cmp?.cols[c]?.doc;
    if (a && b && cmp) openPair({ doc: a }, { doc: b }, values[r * cmp.cols.length + c] as number);
  };

  return (
    <div className="heatmap-view">
      <div className="heatmap-form">
        <span>
          Model A: <strong>{cmp?.model ?? (modelA || 'default')}</strong>
        </span>
        <label>
          Model B{' '}
          <select
            value={modelB}
            onChange={(e) => setChosen(e.target.value)}
            aria-label="Model B"
            disabled={candidates.length === 0}
            aria-describedby={onlyBuiltIn && registry.data ? 'model-b-hint' : undefined}
          >
            {candidates.length === 0 && <option value="">no second model installed</option>}
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} ({m.dims}-d{inLibrary.some((l) => l.id === m.id) ? '' : ', not embedded'})
              </option>
            ))}
          </select>
        </label>
      </div>
      {onlyBuiltIn && registry.data && (
        <div className="empty-state" id="model-b-hint" data-testid="model-b-hint">
          <p>
            {candidates.length === 0
              ? 'Only one embedding model is installed, so there is nothing to compare it with yet.'
              : 'Only the built-in model is installed (in two precisions, fp32 and int8, which you can compare here).'}{' '}
            To add a different one, open <strong>Settings → Models → Import a model</strong> and choose a
            folder with <code>model.onnx</code> and <code>tokenizer.json</code> (a Hugging Face
            sentence-transformers model exported to ONNX, e.g. all-MiniLM-L6-v2). Then come back here: Loci
            offers to embed the library with it.
          </p>
        </div>
      )}
      {modelB && missing > 0 && (
        <EmbedModelJob
          key={modelB}
          modelId={modelB}
          missing={missing}
          onFinished={() => {
            status.reload();
            result.reload();
          }}
        />
      )}
      <Status loading={result.loading && !cmp} error={result.error} />
      {cmp && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            {cmp.summary.documents} documents{cmp.sampled ? ' (an even sample)' : ''}: mean neighbour overlap@
            {cmp.k} {num(cmp.summary.meanOverlap)}, mean rank correlation {num(cmp.summary.meanSpearman)}.
            {cmp.summary.onlyA + cmp.summary.onlyB > 0 &&
              ` ${cmp.summary.onlyA + cmp.summary.onlyB} documents have vectors of only one model and are left out.`}
          </p>
          <div className="heatmap-pair">
            <HeatmapPlot
              title={`A: ${cmp.model}`}
              testId="heatmap-model-a"
              rows={cmp.rows}
              cols={cmp.cols}
              values={cmp.values}
              range={cmp.range}
              view={colours}
              symmetric
              height={440}
              onCellClick={click(cmp.values)}
            />
            <HeatmapPlot
              title={`B: ${cmp.modelB}`}
              testId="heatmap-model-b"
              rows={cmp.rows}
              cols={cmp.cols}
              values={cmp.valuesB}
              range={cmp.range}
              view={colours}
              symmetric
              height={440}
              onCellClick={click(cmp.valuesB)}
            />
          </div>
          <HeatmapPlot
            title={`Difference A - B`}
            testId="heatmap-model-diff"
            rows={cmp.rows}
            cols={cmp.cols}
            values={cmp.difference}
            range={diffRange}
            view={diffView}
            symmetric
            height={440}
            onCellClick={click(cmp.difference)}
          />
          <h4>Documents that moved most</h4>
          <table className="drift-table" data-testid="model-drift">
            <thead>
              <tr>
                <th>Document</th>
                <th title={`Share of the ${cmp.k} nearest documents both models agree on`}>
                  Overlap@{cmp.k}
                </th>
                <th title="Spearman rank correlation of the document's similarities under both models">
                  Rank corr.
                </th>
              </tr>
            </thead>
            <tbody>
              {cmp.perDocument.slice(0, 100).map((d) => (
                <tr key={d.doc.docId} data-testid="model-drift-row">
                  <td title={d.doc.path}>{d.doc.title}</td>
                  <td>{num(d.overlap)}</td>
                  <td>{num(d.spearman)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
