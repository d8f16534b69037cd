import type { DuplicateGroup, DuplicatesResult } from '../../../shared/api/methods/duplicates';
import type { DocumentRecord } from '../store/storeTypes';
import { groupByKey, groupPairs, pairsAbove, type ScoredPair } from './duplicateGroups';
import { docRef, type SimilarityService } from './similarityService';

/** Up to this many documents the exact matrix is cheap (about 0.2 s at 2,000); above, an HNSW graph. */
export const EXACT_DUPLICATES_UP_TO = 2500;
/** Neighbours each document asks the HNSW graph for. */
const ANN_NEIGHBOURS = 16;

/**
 * Exact duplicates (same SHA-256 of the file) and near-duplicates (document vectors at or above the
 * threshold), grouped into connected components. Pairs that are byte-identical are listed only as
 * exact duplicates.
 */
export async function findDuplicates(
  service: SimilarityService,
  input: { model?: string | undefined; threshold: number; limit: number },
): Promise<DuplicatesResult> {
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const catalog = await store.catalog();
  const all = [...catalog.byId.values()].sort((a, b) => a.path.localeCompare(b.path));
  const exact: DuplicateGroup[] = groupByKey(all.map((d) => d.sha256))
    .map((members) => ({
      documents: members.map((i) => docRef(all[i]!)),
      pairs: members.slice(1).map((i) => ({ a: all[members[0]!]!.id, b: all[i]!.id, score: 1 })),
      best: 1,
    }))
    .slice(0, input.limit);

  const space = await service.space(modelId);
  const { data, rows, model } = space.matrix;
  let pairs: ScoredPair[];
  let method: DuplicatesResult['method'];
  if (rows <= EXACT_DUPLICATES_UP_TO) {
    pairs = pairsAbove(await service.pool.gram(space.matrix), rows, input.threshold);
    method = 'exact';
  } else {
    const found = await service.pool.run({
      op: 'annPairs',
      data,
      rows,
      dims: model.dims,
      neighbours: ANN_NEIGHBOURS,
      threshold: input.threshold,
    });
    pairs = Array.from(found.a, (a, i) => ({ a, b: found.b[i] as number, score: found.score[i] as number }));
    method = 'ann';
  }
  const docs = space.docs;
  const sameBytes = (p: ScoredPair) => sameHash(docs[p.a]!, docs[p.b]!);
  const near: DuplicateGroup[] = groupPairs(
    pairs.filter((p) => !sameBytes(p)),
    rows,
  )
    .slice(0, input.limit)
    .map((group) => ({
      documents: group.members.map((i) => docRef(docs[i]!)),
      pairs: group.pairs.map((p) => ({ a: docs[p.a]!.id, b: docs[p.b]!.id, score: Math.min(1, p.score) })),
      best: Math.min(1, group.best),
    }));
  return { model: modelId, threshold: input.threshold, method, documents: rows, exact, near };
}

function sameHash(a: DocumentRecord, b: DocumentRecord): boolean {
  return a.sha256 !== '' && a.sha256 === b.sha256;
}
