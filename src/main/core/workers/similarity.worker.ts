import { parentPort } from 'node:worker_threads';
import { annPairs } from '../duplicates/annPairs';
import { clusterWithAutoK } from '../topics/clusterCount';
import { orderByClusters } from '../heatmaps/clusterOrder';
import { driftRows } from '../heatmaps/driftStatistics';
import { gramRows } from '../math/gramKernel';
import { buildLibraryTermIndex } from '../topics/libraryTermIndex';
import { fitPca, projectPca } from '../math/pca';
import { documentMeans } from '../similarity/documentMeans';
import { pairOverlaps } from '../duplicates/duplicateText';
import type { SimilarityRequest, WorkerMessage } from '../similarity/similarityProtocol';

// The similarity pool's worker: one request at a time, numeric work only (plus the term index, which
// reads chunk text from LanceDB itself). Inputs arrive SharedArrayBuffer-backed where it matters.

async function handle(request: SimilarityRequest): Promise<unknown> {
  switch (request.op) {
    case 'gram':
      gramRows(request);
      return null;
    case 'cluster': {
      const { data, rows, dims } = request;
      const fit = clusterWithAutoK(data, rows, dims, request.seed);
      const ordering = orderByClusters(data, rows, dims, fit.assignments, fit.centroids, fit.k);
      return { assignment: fit.assignments, centroids: fit.centroids, k: fit.k, ...ordering };
    }
    case 'drift':
      return driftRows(request.sa, request.sb, request.n, request.rowStart, request.rowEnd, request.k);
    case 'annPairs':
      return annPairs(request.data, request.rows, request.dims, request.neighbours, request.threshold);
    case 'terms':
      return buildLibraryTermIndex(request.lanceDir, request.documents, {
        maxChars: request.maxChars,
        perDocument: request.perDocument,
      });
    case 'documentMeans':
      return documentMeans(request.libraryDir, request.modelId);
    case 'textOverlap':
      return pairOverlaps(request.libraryDir, request.pairs);
    case 'pca': {
      const projection = fitPca(request.data, request.rows, request.dims, 2);
      return { projection, coords: projectPca(projection, request.data, request.rows) };
    }
  }
}

parentPort?.on('message', (message: { id: number; request: SimilarityRequest }) => {
  handle(message.request).then(
    (result) => parentPort?.postMessage({ id: message.id, ok: true, result } satisfies WorkerMessage),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerMessage),
  );
});
