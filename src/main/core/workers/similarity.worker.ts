import { annPairs } from '../duplicates/annPairs';
import { fitTopics } from '../topics/topicClustering';
import { orderByClusters, topicsInDisplayOrder } from '../topics/clusterOrder';
import { driftRows } from '../heatmaps/driftStatistics';
import { gramRows } from '../math/gramKernel';
import { buildLibraryTermIndex } from '../topics/libraryTermIndex';
import { fitPca, projectPca } from '../math/pca';
import { documentMeans } from '../similarity/documentMeans';
import { pairOverlaps } from '../duplicates/duplicateText';
import type { SimilarityProtocol } from '../similarity/similarityProtocol';
import { serveRpc } from '../workerRpc/serveRpc';

// The similarity pool's worker: one request at a time, numeric work only (plus the term index, which
// reads chunk text from LanceDB itself). Inputs arrive SharedArrayBuffer-backed where it matters.

serveRpc<SimilarityProtocol>(
  {
    gram: (request) => {
      gramRows(request);
      return null;
    },
    cluster: ({ data, rows, dims, seed }) => {
      const fit = fitTopics(data, rows, dims, seed);
      const ordering = orderByClusters(data, rows, dims, fit.topic, fit.centroids, fit.k);
      return { ...topicsInDisplayOrder(fit, ordering), scores: fit.scores };
    },
    drift: ({ sa, sb, n, rowStart, rowEnd, k }) => driftRows(sa, sb, n, rowStart, rowEnd, k),
    annPairs: ({ data, rows, dims, neighbours, threshold }) =>
      annPairs(data, rows, dims, neighbours, threshold),
    terms: ({ lanceDir, documents, maxChars, perDocument }) =>
      buildLibraryTermIndex(lanceDir, documents, { maxChars, perDocument }),
    documentMeans: ({ libraryDir, modelId }) => documentMeans(libraryDir, modelId),
    textOverlap: ({ libraryDir, pairs }) => pairOverlaps(libraryDir, pairs),
    pca: ({ data, rows, dims }) => {
      const projection = fitPca(data, rows, dims, 2);
      return { projection, coords: projectPca(projection, data, rows) };
    },
  },
  { sequential: true },
);
