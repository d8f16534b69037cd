import {
  aggregateByDocument,
  type DocumentAggregation,
  type DocumentGroup,
  type HybridDocumentOrder,
} from './aggregateDocuments';
import { fuseRankings, type FusedItem, type FusionOptions, type RankedList } from './fuseRankings';
import { buildSnippets } from './highlightSnippet';
import { mergePassages } from './mergePassages';
import type { Candidate } from './searchCandidates';
import type { SearchHit, SearchMode, SearchPassage } from './searchTypes';

/** Passages shown under each document result; the rest are counted ("N more in this document"). */
export const DEFAULT_PASSAGES = 3;

/**
 * Ranks documents from the fused chunk ranking. In hybrid mode the order of fusion and aggregation is
 * a setting: aggregate each branch's chunks per document and fuse those document rankings, or
 * aggregate the fused chunk scores. Either way a document's items are its fused chunks, best first.
 */
export function documentGroups(
  fused: readonly FusedItem[],
  lists: readonly RankedList[],
  docOf: (chunkId: string) => string,
  options: {
    aggregation: DocumentAggregation;
    hybridOrder: HybridDocumentOrder;
    fusion: FusionOptions;
    mode: SearchMode;
  },
): Array<DocumentGroup<FusedItem>> {
  const byFused = aggregateByDocument(fused, (f) => docOf(f.id), options.aggregation);
  if (options.mode !== 'hybrid' || options.hybridOrder === 'fuse-then-aggregate') return byFused;
  const docLists: RankedList[] = lists.map((list) => ({
    branch: list.branch,
    items: aggregateByDocument(list.items, (i) => docOf(i.id), options.aggregation).map((g) => ({
      id: g.docId,
      score: g.score,
    })),
  }));
  const itemsOf = new Map(byFused.map((g) => [g.docId, g.items]));
  return fuseRankings(docLists, options.fusion).map((d) => ({
    docId: d.id,
    score: d.score,
    items: itemsOf.get(d.id) ?? [],
  }));
}

/**
 * The response's hits for one page of results. By document, a hit is the document's best chunk plus
 * its best `passages` passages (chunks of one page, or neighbouring chunks, merged) and how many more
 * it has among the candidates; by chunk, a hit is one chunk. Snippets are built in one pass.
 */
export async function buildHits(
  page: ReadonlyArray<DocumentGroup<FusedItem>>,
  byChunk: ReadonlyMap<string, Candidate>,
  options: {
    offset: number;
    byDocument: boolean;
    passages: number;
    queryTexts: readonly string[];
    snippetChars?: number;
  },
): Promise<SearchHit[]> {
  const candidate = (id: string): Candidate => byChunk.get(id) as Candidate;
  const grouped = page.map((group) => {
    const doc = candidate(group.items[0]!.id).doc;
    const merged = mergePassages(
      group.items.map((f) => {
        const { chunk } = candidate(f.id);
        return { id: f.id, score: f.score, page: chunk.page, ordinal: chunk.ordinal, fused: f };
      }),
      doc.kind === 'pdf' && doc.pages > 1,
    );
    return { group, merged, shown: options.byDocument ? merged.slice(0, options.passages) : merged };
  });
  // One snippet per shown passage (its best chunk), in a single tokenizer pass.
  const texts = grouped.flatMap((g) => g.shown.map((p) => candidate(p.chunks[0]!.id).chunk.text));
  const snippets = await buildSnippets(texts, options.queryTexts, options.snippetChars);
  let at = 0;
  return grouped.map(({ group, merged, shown }, i): SearchHit => {
    const passages = shown.map((p): SearchPassage => {
      const best = p.chunks[0]!;
      const { chunk } = candidate(best.id);
      return {
        chunkId: chunk.id,
        page: chunk.page,
        headingPath: chunk.headingPath,
        text: chunk.text,
        charStart: chunk.charStart,
        charEnd: chunk.charEnd,
        score: best.score,
        matched: matchedBranches(best.fused),
        snippet: snippets[at++]!,
        chunks: p.chunks.length,
      };
    });
    const best = group.items[0]!;
    const { chunk, doc } = candidate(best.id);
    const first = passages[0]!;
    return {
      rank: options.offset + i + 1,
      score: group.score,
      matched: matchedBranches(best),
      scores: best.scores,
      chunkId: chunk.id,
      docId: doc.id,
      path: doc.path,
      title: doc.title,
      kind: doc.kind,
      source: doc.source,
      page: chunk.page,
      headingPath: chunk.headingPath,
      text: chunk.text,
      charStart: chunk.charStart,
      charEnd: chunk.charEnd,
      snippet: first.snippet,
      ...(options.byDocument
        ? {
            chunkMatches: group.items.length,
            passages,
            morePassages: merged.length - shown.length,
          }
        : {}),
    };
  });
}

function matchedBranches(item: FusedItem): SearchHit['matched'] {
  return (['keyword', 'semantic'] as const).filter((b) => item.ranks[b] !== undefined);
}
