import type { DuplicateGroup, DuplicatePair, DuplicatesResult } from '../../../shared/api/methods/duplicates';
import type { DocumentRecord } from '../store/storeTypes';
import { groupByKey, groupPairs, type ScoredPair } from './duplicateGroups';
import type { PairOverlap } from './duplicateText';
import { docRef, type SimilarityService } from '../similarity/similarityService';

/** Up to this many documents the exact matrix is cheap (about 0.2 s at 2,000); above, an HNSW graph. */
export const EXACT_DUPLICATES_UP_TO = 2500;
/**
 * Nearest documents per document that may become candidates. A document rarely has more than a few
 * copies; the cap keeps the text comparison linear in the library size even in a one-topic library
 * where half of all pairs pass the vector threshold.
 */
export const CANDIDATES_PER_DOCUMENT = 10;
/** Candidate pairs compared per worker task (progress stays responsive, the worker stays shared). */
const OVERLAP_BATCH = 200;

/**
 * Exact duplicates (same SHA-256 of the file) and near-duplicates. Near-duplicates are found in two
 * steps: document vectors propose candidates (raw cosine >= threshold among each document's nearest
 * neighbours; raw separates copies better than the centred space, FINDINGS.md), then the documents'
 * text decides (share of word 3-shingles >= minOverlap). Vectors alone cannot tell a copy from a
 * distinct document on the same topic; shared phrasing can. Pairs that are byte-identical are listed
 * only as exact duplicates.
 */
export async function findDuplicates(
  service: SimilarityService,
  input: { model?: string | undefined; threshold: number; minOverlap: number; limit: number },
): Promise<DuplicatesResult> {
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const catalog = await store.catalog();
  const all = [...catalog.byId.values()].sort((a, b) => a.path.localeCompare(b.path));
  const exact: DuplicateGroup[] = groupByKey(all.map((d) => d.sha256))
    .map((members) => ({
      documents: members.map((i) => docRef(all[i]!)),
      pairs: members.slice(1).map((i) => ({ a: all[members[0]!]!.id, b: all[i]!.id, score: 1, overlap: 1 })),
      best: 1,
    }))
    .slice(0, input.limit);

  const space = await service.rawSpace(modelId);
  const { data, rows, model } = space.matrix;
  let pairs: ScoredPair[];
  let method: DuplicatesResult['method'];
  if (rows <= EXACT_DUPLICATES_UP_TO) {
    pairs = nearestAbove(
      await service.pool.gram(space.matrix),
      rows,
      input.threshold,
      CANDIDATES_PER_DOCUMENT,
    );
    method = 'exact';
  } else {
    const found = await service.pool.run({
      op: 'annPairs',
      data,
      rows,
      dims: model.dims,
      neighbours: CANDIDATES_PER_DOCUMENT,
      threshold: input.threshold,
    });
    pairs = Array.from(found.a, (a, i) => ({ a, b: found.b[i] as number, score: found.score[i] as number }));
    method = 'ann';
  }
  const docs = space.docs;
  const candidates = pairs.filter((p) => !sameHash(docs[p.a]!, docs[p.b]!));
  const overlaps: PairOverlap[] = [];
  for (let at = 0; at < candidates.length; at += OVERLAP_BATCH) {
    const batch = candidates.slice(at, at + OVERLAP_BATCH);
    const reply = await service.pool.run({
      op: 'textOverlap',
      libraryDir: store.dir,
      pairs: batch.map((p) => [docs[p.a]!.id, docs[p.b]!.id] as [string, string]),
    });
    overlaps.push(...reply);
  }
  const confirmed = candidates
    .map((p, i) => ({ pair: p, overlap: overlaps[i]! }))
    .filter(({ overlap }) => overlap.containment >= input.minOverlap);
  const overlapOf = new Map(confirmed.map(({ pair, overlap }) => [`${pair.a}:${pair.b}`, overlap]));
  const near: DuplicateGroup[] = groupPairs(
    confirmed.map(({ pair }) => pair),
    rows,
  )
    .slice(0, input.limit)
    .map((group) => ({
      documents: group.members.map((i) => docRef(docs[i]!)),
      pairs: group.pairs.map((p): DuplicatePair => {
        const o = overlapOf.get(`${p.a}:${p.b}`) ?? overlapOf.get(`${p.b}:${p.a}`);
        return {
          a: docs[p.a]!.id,
          b: docs[p.b]!.id,
          score: Math.min(1, p.score),
          ...(o ? { overlap: o.containment, onlyInA: o.onlyInA, onlyInB: o.onlyInB, match: o.match } : {}),
        };
      }),
      best: Math.min(1, group.best),
    }));
  return {
    model: modelId,
    threshold: input.threshold,
    minOverlap: input.minOverlap,
    method,
    documents: rows,
    candidates: candidates.length,
    exact,
    near,
  };
}

/** Pairs i < j where j is among i's `perRow` nearest (or i among j's) with score >= threshold. */
export function nearestAbove(
  matrix: Float32Array,
  n: number,
  threshold: number,
  perRow: number,
): ScoredPair[] {
  const keep = new Map<string, ScoredPair>();
  for (let i = 0; i < n; i++) {
    const row: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      const s = matrix[i * n + j] as number;
      if (j !== i && s >= threshold) row.push([j, s]);
    }
    row.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [j, s] of row.slice(0, perRow)) {
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      keep.set(`${a}:${b}`, { a, b, score: s });
    }
  }
  return [...keep.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}

function sameHash(a: DocumentRecord, b: DocumentRecord): boolean {
  return a.sha256 !== '' && a.sha256 === b.sha256;
}
