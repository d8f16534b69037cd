import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IngestSummary } from '../../shared/api/methods/library';
import type { SearchMode } from '../../shared/api/methods/search';
import { createCore } from '../core/createCore';
import type { CoreConfig } from '../core/config';
import { DEFAULT_FUSION, type FusionOptions } from '../core/search/fuseRankings';
import type { FeedbackOptions } from '../core/search/denseFeedback';
import { DEFAULT_FEEDBACK } from '../core/search/search';
import { aggregationVariants, runVariant, variantName } from './aggregationVariants';
import { readCranfield } from './cranfield';
import { createReferenceBm25 } from './referenceBm25';
import { summarize, type MetricSummary } from './retrievalMetrics';

export interface CranfieldReport {
  collection: { documents: number; queries: number; judgedQueries: number };
  ingest: { seconds: number; chunks: number };
  modes: Record<SearchMode, MetricSummary & { msPerQuery: number }>;
  referenceBm25: MetricSummary & { library: string };
  /** Hybrid with other fusion and feedback settings: how the defaults were chosen. */
  fusion: Array<
    { fusion: FusionOptions; feedback: FeedbackOptions | null; isDefault: boolean } & MetricSummary
  >;
  /** Results by document: how chunk scores become a document score, per mode (aggregationVariants.ts). */
  aggregation: Array<{ name: string; isDefault: boolean } & MetricSummary>;
  /** hybrid nDCG@10 / max(keyword, semantic) nDCG@10; the goal is >= 1.1. */
  hybridGain: number;
  model: string;
}

/**
 * `loci eval cranfield`: writes the 1,400 Cranfield abstracts as text files into a temporary folder,
 * ingests them into a temporary library through the real core (extraction, chunking, embedding,
 * LanceDB, USearch), runs all 225 queries in each mode with results grouped by document, and scores
 * them against the graded judgements; an independent BM25 runs on the same texts as a reference.
 */
export async function runCranfieldEval(
  dataDir: string,
  base: Pick<CoreConfig, 'appVersion' | 'dataDir' | 'resourcesDir' | 'threads'>,
  opts: { model?: string; log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<CranfieldReport> {
  const log = opts.log ?? (() => {});
  const collection = await readCranfield(dataDir);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-cranfield-'));
  try {
    const docsDir = path.join(work, 'docs');
    await fs.mkdir(docsDir);
    const idByFile = new Map<string, number>();
    for (const d of collection.docs) {
      const file = path.join(docsDir, `cran-${String(d.id).padStart(4, '0')}.txt`);
      // The .W field repeats the title; keep the text as the collection gives it.
      await fs.writeFile(file, `${d.text}\n`);
      idByFile.set(file, d.id);
    }
    const core = await createCore({ ...base, libraryDir: path.join(work, 'library'), watch: false });
    try {
      log(`Ingesting ${collection.docs.length} Cranfield documents into a temporary library...`);
      const started = Date.now();
      const { jobId } = await core.handlers['library.add']({ paths: [docsDir] });
      if (opts.signal) opts.signal.addEventListener('abort', () => core.jobs.cancel(jobId), { once: true });
      const summary = (await core.jobs.wait(jobId)) as IngestSummary;
      const ingestSeconds = (Date.now() - started) / 1000;
      log(
        `Ingested in ${ingestSeconds.toFixed(1)} s (${summary.chunks} chunks). Running ${collection.queries.length} queries x 3 modes...`,
      );

      const modes = {} as CranfieldReport['modes'];
      for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
        const runs = new Map<number, number[]>();
        const t0 = Date.now();
        for (const q of collection.queries) {
          const r = await core.handlers['search.query']({
            q: q.text,
            k: 100,
            mode,
            filters: {},
            groupBy: 'document',
            offset: 0,
            ...(opts.model ? { model: opts.model } : {}),
          });
          runs.set(
            q.number,
            r.results.map((hit) => idByFile.get(hit.path) ?? -1),
          );
        }
        modes[mode] = {
          ...summarize(runs, collection.qrels),
          msPerQuery: (Date.now() - t0) / collection.queries.length,
        };
        log(`  ${mode}: nDCG@10 ${modes[mode].ndcg10.toFixed(4)}`);
      }

      log('Comparing fusion settings...');
      const fusion: CranfieldReport['fusion'] = [];
      const context = (await core.search.context(await core.search.resolveModel(opts.model)))!;
      const convex = (alpha: number): FusionOptions => ({ method: 'convex', alpha });
      const variants: Array<{ fusion: FusionOptions; feedback: FeedbackOptions | null }> = [
        { fusion: { method: 'rrf', k: 60 }, feedback: null },
        { fusion: { method: 'rrf', k: 10 }, feedback: null },
        ...[0.1, 0.2, 0.3, 0.5].map((alpha) => ({ fusion: convex(alpha), feedback: null })),
        { fusion: { method: 'rrf', k: 60 }, feedback: DEFAULT_FEEDBACK },
        ...[0.2, 0.4].map((alpha) => ({ fusion: convex(alpha), feedback: DEFAULT_FEEDBACK })),
        { fusion: DEFAULT_FUSION, feedback: { chunks: 3, weight: 1 } },
        { fusion: DEFAULT_FUSION, feedback: { chunks: 10, weight: 1 } },
        { fusion: DEFAULT_FUSION, feedback: { chunks: 5, weight: 2 } },
      ];
      for (const variant of variants) {
        const runs = new Map<number, number[]>();
        for (const q of collection.queries) {
          const r = await core.search.run(context, {
            q: q.text,
            k: 100,
            mode: 'hybrid',
            groupBy: 'document',
            ...variant,
          });
          runs.set(
            q.number,
            r.hits.map((hit) => idByFile.get(hit.path) ?? -1),
          );
        }
        const isDefault =
          JSON.stringify([variant.fusion, variant.feedback]) ===
          JSON.stringify([DEFAULT_FUSION, DEFAULT_FEEDBACK]);
        fusion.push({ ...variant, isDefault, ...summarize(runs, collection.qrels) });
      }

      log('Comparing document aggregations...');
      const aggregation: CranfieldReport['aggregation'] = [];
      for (const variant of aggregationVariants()) {
        const hits = await runVariant(context, collection.queries, variant, 100);
        const runs = new Map(
          [...hits].map(([q, list]) => [q.number, list.map((hit) => idByFile.get(hit.path) ?? -1)]),
        );
        const row = {
          name: variantName(variant),
          isDefault: variant.isDefault,
          ...summarize(runs, collection.qrels),
        };
        log(`  ${row.name}: nDCG@10 ${row.ndcg10.toFixed(4)}`);
        aggregation.push(row);
      }

      const bm25 = createReferenceBm25();
      for (const d of collection.docs) bm25.add(d.id, d.text);
      bm25.finish();
      const refRuns = new Map(collection.queries.map((q) => [q.number, bm25.search(q.text, 100)]));
      const info = await core.handlers['app.info']({});
      return {
        collection: {
          documents: collection.docs.length,
          queries: collection.queries.length,
          judgedQueries: modes.hybrid.queries,
        },
        ingest: { seconds: ingestSeconds, chunks: summary.chunks },
        modes,
        referenceBm25: { ...summarize(refRuns, collection.qrels), library: 'wink-bm25-text-search' },
        fusion,
        aggregation,
        hybridGain: modes.hybrid.ndcg10 / Math.max(modes.keyword.ndcg10, modes.semantic.ndcg10),
        model: opts.model ?? info.models.find((m) => m.builtIn)?.id ?? 'default',
      };
    } finally {
      await core.close();
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
