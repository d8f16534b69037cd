import { libraryVocabulary, type VocabularyTerm } from '../topics/keyTerms';
import { normalizeRows } from '../math/vectorRows';
import { modelMatrix, type ModelMatrix } from '../similarity/modelSpace';
import type { SimilarityService } from '../similarity/similarityService';

/** Terms the explorer compares an analogy's result against. */
export const VOCABULARY_SIZE = 1500;
const EMBED_BATCH = 64;

export interface VocabularyVectors {
  terms: VocabularyTerm[];
  /** One unit vector per term, in the model's space. */
  matrix: ModelMatrix;
}

/**
 * The library's key terms embedded with a model: computed once per data version and model (the
 * service's cache), in batches, as queries (a term typed in the explorer is a query too).
 */
export function vocabularyVectors(service: SimilarityService, modelId: string): Promise<VocabularyVectors> {
  return service.cached(modelId, 'vocabulary', async () => {
    const terms = libraryVocabulary(await service.termIndex(), VOCABULARY_SIZE);
    const embedder = await service.embedderFor(modelId);
    const dims = embedder.info.dims;
    const data = new Float32Array(terms.length * dims);
    for (let start = 0; start < terms.length; start += EMBED_BATCH) {
      const batch = terms.slice(start, start + EMBED_BATCH).map((t) => t.term);
      const { vectors } = await embedder.embed(batch, { purpose: 'query' });
      vectors.forEach((v, i) => data.set(v, (start + i) * dims));
    }
    return { terms, matrix: modelMatrix(embedder.info, normalizeRows(data, dims)) };
  });
}
