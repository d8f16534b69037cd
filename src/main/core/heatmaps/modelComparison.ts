import { LociError } from '../../../shared/api/errors';
import type { DocumentDrift, HeatmapAxisItem, ModelComparison } from '../../../shared/api/methods/heatmap';
import { splitRows } from '../math/gramKernel';
import { selectRows } from '../similarity/modelSpace';
import { docRef, finiteRange, plainCopy, type SimilarityService } from '../similarity/similarityService';

/**
 * Model A vs model B on the same documents. Each model's document x document matrix is computed in
 * its own space (vectors of A never meet vectors of B); what is compared is their similarity values
 * and the neighbour rankings they imply: per document, overlap@k of the nearest neighbours and the
 * Spearman correlation of its whole row. Documents are listed worst first: the ones that "moved".
 */
export async function compareModels(
  service: SimilarityService,
  input: { model?: string | undefined; modelB: string; maxDocuments: number; k: number },
): Promise<ModelComparison> {
  const started = performance.now();
  const modelA = await service.resolveModel(input.model);
  const modelB = await service.resolveModel(input.modelB);
  if (modelA === modelB) throw new LociError('INVALID_INPUT', 'Choose two different models to compare.');
  const [spaceA, spaceB, clusteringA] = await Promise.all([
    service.space(modelA),
    service.space(modelB),
    service.clustering(modelA),
  ]);
  // Model A's cluster order, restricted to documents both models have vectors for.
  const common = Array.from(clusteringA.order).filter((row) => spaceB.rowOf.has(spaceA.docs[row]!.id));
  const sampled = common.length > input.maxDocuments;
  const chosen = sampled
    ? Array.from(
        { length: input.maxDocuments },
        (_, i) => common[Math.floor((i * common.length) / input.maxDocuments)]!,
      )
    : common;
  const rowsA = chosen;
  const rowsB = chosen.map((row) => spaceB.rowOf.get(spaceA.docs[row]!.id) as number);
  const n = chosen.length;
  const sa = await service.pool.gram(selectRows(spaceA.matrix, rowsA));
  const sb = await service.pool.gram(selectRows(spaceB.matrix, rowsB));
  const difference = new Float32Array(n * n);
  for (let i = 0; i < difference.length; i++) difference[i] = (sa[i] as number) - (sb[i] as number);

  const k = Math.max(0, Math.min(input.k, n - 1));
  const overlap = new Float32Array(n);
  const spearman = new Float32Array(n);
  if (n > 1) {
    await Promise.all(
      splitRows(n, service.pool.size, false).map(async ([rowStart, rowEnd]) => {
        const part = await service.pool.run({ op: 'drift', sa, sb, n, rowStart, rowEnd, k });
        overlap.set(part.overlap, rowStart);
        spearman.set(part.spearman, rowStart);
      }),
    );
  }
  const refs = rowsA.map((row) => docRef(spaceA.docs[row]!));
  const perDocument: DocumentDrift[] = refs
    .map((doc, i) => ({ doc, overlap: finiteOrNull(overlap[i]), spearman: finiteOrNull(spearman[i]) }))
    .sort(
      (x, y) =>
        nullLast(x.overlap, y.overlap) ||
        nullLast(x.spearman, y.spearman) ||
        x.doc.title.localeCompare(y.doc.title),
    );
  const axis: HeatmapAxisItem[] = rowsA.map((row, i) => ({
    id: spaceA.docs[row]!.id,
    label: refs[i]!.title,
    doc: refs[i]!,
    cluster: clusteringA.clusterOf[row] as number,
  }));
  const bothRange = finiteRange(Float32Array.of(...finiteRange(sa), ...finiteRange(sb)));
  return {
    kind: 'models',
    model: modelA,
    modelB,
    dataVersion: spaceA.dataVersion,
    rows: axis,
    cols: axis,
    values: plainCopy(sa),
    valuesB: plainCopy(sb),
    difference,
    range: bothRange,
    k,
    perDocument,
    summary: {
      documents: n,
      meanOverlap: mean(overlap),
      meanSpearman: mean(spearman),
      onlyA: spaceA.docs.length - common.length,
      onlyB: spaceB.docs.length - common.length,
    },
    sampled,
    tookMs: performance.now() - started,
  };
}

/** Ascending, null (undefined statistic) after every number. */
function nullLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function mean(values: Float32Array): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count : null;
}
