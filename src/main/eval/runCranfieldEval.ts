import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IngestSummary } from '../../shared/api/methods/library';
import type { SearchMode } from '../../shared/api/methods/search';
import type { SearchRequest } from '../core/search/searchTypes';
import { createCore } from '../core/createCore';
import type { CoreConfig } from '../core/config';
import { DEFAULT_FUSION, type FusionOptions } from '../core/search/fuseRankings';
import type { FeedbackOptions } from '../core/search/denseFeedback';
import {
  DEFAULT_FEEDBACK,
  DEFAULT_EXPANSION,
  DEFAULT_FIELD_BOOST,
  DEFAULT_PHRASE_BOOST,
} from '../core/search/search';
import { keywordVariants, runSearches } from './keywordVariants';
import { denseQueryVariants } from './denseQueryVariants';
import { rankInSpaces } from './vectorSpaceSearch';
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
  /** Keyword-side settings (fields weight, phrase boost, RM3, whole documents) in keyword and hybrid mode (keywordVariants.ts). */
  keywordSettings: Array<{ name: string; isDefault: boolean } & MetricSummary>;
  /** Semantic side: the whole query or its content words embedded (denseQueryVariants.ts). */
  queryForms: Array<{ name: string; isDefault: boolean } & MetricSummary>;
  /** What the library embeds with each chunk (ingest/embeddedText.ts). */
  chunkContext: string;
  /** Semantic search (exact, best chunk) in the raw space and library-fitted spaces (vectorSpaceSearch.ts). */
  vectorSpaces: Array<{ name: string } & MetricSummary>;
  /** hybrid nDCG@10 / max(keyword, semantic) nDCG@10; the goal is >= 1.1. */
  hybridGain: number;
  model: string;
}

/** Cranfield document id of a hit: the files are named `cran-0001.md`. */
function cranfieldId(hitPath: string): number {
  const m = /cran-(\d+)\.md$/.exec(hitPath);
  return m ? Number(m[1]) : -1;
}

/**
 * The folder a kept library's Cranfield documents live in: the source that already holds them, when
 * there is one. A library copied to a new folder still names its old `<dir>.docs` as its source;
 * writing the documents to the new `<dir>.docs` too would ingest all 1,400 a second time beside the
 * first, and every query would then find each document twice.
 */
async function keptDocsFolder(
  sources: ReadonlyArray<{ path: string }>,
  wanted: string,
  log: (line: string) => void,
): Promise<string> {
  for (const source of sources) {
    if (path.resolve(source.path) === path.resolve(wanted)) return wanted;
    const holds = await fs
      .access(path.join(source.path, 'cran-0001.md'))
      .then(() => true)
      .catch(() => false);
    if (holds) {
      log(`The library's Cranfield documents are in ${source.path}: using that folder.`);
      return source.path;
    }
  }
  return wanted;
}

/**
 * `loci eval cranfield`: writes the 1,400 Cranfield abstracts as Markdown files (the .T title as
 * front matter, so the document has its title as a real library would; the .W text as the body,
 * which often repeats it) into a folder, ingests them through the real core (extraction, chunking,
 * embedding, LanceDB, USearch), runs all 225 queries in each mode with results grouped by document,
 * and scores them against the graded judgements; an independent BM25 runs on the same texts as a
 * reference. With `libraryDir` the library (and its documents, in `<libraryDir>.docs`) is kept and
 * reused by later runs; otherwise both live in a temporary folder.
 */
export async function runCranfieldEval(
  dataDir: string,
  base: Pick<CoreConfig, 'appVersion' | 'dataDir' | 'resourcesDir' | 'threads' | 'chunkContext'>,
  opts: {
    model?: string;
    log?: (line: string) => void;
    signal?: AbortSignal;
    libraryDir?: string;
    /** Skip the fusion and aggregation tables (measured before; slow). */
    quick?: boolean;
  } = {},
): Promise<CranfieldReport> {
  const log = opts.log ?? (() => {});
  const collection = await readCranfield(dataDir);
  const work = opts.libraryDir ? null : await fs.mkdtemp(path.join(os.tmpdir(), 'loci-cranfield-'));
  const libraryDir = opts.libraryDir ?? path.join(work as string, 'library');
  try {
    const core = await createCore({ ...base, libraryDir, watch: false });
    try {
      const docsDir = work
        ? path.join(work, 'docs')
        : await keptDocsFolder(
            (await core.handlers['library.status']({})).sources,
            `${libraryDir}.docs`,
            log,
          );
      await fs.mkdir(docsDir, { recursive: true });
      for (const d of collection.docs) {
        const file = path.join(docsDir, `cran-${String(d.id).padStart(4, '0')}.md`);
        const body = `---\ntitle: ${d.title}\n---\n\n${d.text}\n`;
        // Rewriting an unchanged file would make a kept library read it again.
        if ((await fs.readFile(file, 'utf8').catch(() => null)) !== body) await fs.writeFile(file, body);
      }
      log(`Ingesting ${collection.docs.length} Cranfield documents into ${libraryDir}...`);
      const started = Date.now();
      const { jobId } = await core.handlers['library.add']({ paths: [docsDir] });
      if (opts.signal) opts.signal.addEventListener('abort', () => core.jobs.cancel(jobId), { once: true });
      const summary = (await core.jobs.wait(jobId)) as IngestSummary;
      const ingestSeconds = (Date.now() - started) / 1000;
      const chunks = (await core.handlers['library.status']({})).chunks;
      log(
        `Ingested in ${ingestSeconds.toFixed(1)} s (${summary.chunks} new chunks, ${chunks} in all). Running ${collection.queries.length} queries x 3 modes...`,
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
            r.results.map((hit) => cranfieldId(hit.path)),
          );
        }
        modes[mode] = {
          ...summarize(runs, collection.qrels),
          msPerQuery: (Date.now() - t0) / collection.queries.length,
        };
        log(`  ${mode}: nDCG@10 ${modes[mode].ndcg10.toFixed(4)}`);
      }

      const context = (await core.search.context(await core.search.resolveModel(opts.model)))!;
      log('Comparing keyword-side settings...');
      /** Each variant's searches over every query, scored; the default is marked. */
      const scoreVariants = async (
        variants: Iterable<{
          name: string;
          isDefault: boolean;
          mode: SearchMode;
          settings: Omit<SearchRequest, 'q' | 'mode'>;
        }>,
      ): Promise<Array<{ name: string; isDefault: boolean } & MetricSummary>> => {
        const rows: Array<{ name: string; isDefault: boolean } & MetricSummary> = [];
        for (const variant of variants) {
          const hits = await runSearches(
            context,
            collection.queries,
            { mode: variant.mode, ...variant.settings },
            100,
          );
          const runs = new Map(
            [...hits].map(([q, list]) => [q.number, list.map((h) => cranfieldId(h.path))]),
          );
          const row = {
            name: variant.name,
            isDefault: variant.isDefault,
            ...summarize(runs, collection.qrels),
          };
          log(`  ${row.name}: nDCG@10 ${row.ndcg10.toFixed(4)}`);
          rows.push(row);
        }
        return rows;
      };
      const keywordSettings = await scoreVariants(
        keywordVariants({
          fieldBoost: DEFAULT_FIELD_BOOST,
          phraseBoost: DEFAULT_PHRASE_BOOST,
          expansion: DEFAULT_EXPANSION,
        }),
      );

      log('Comparing dense query forms...');
      const queryForms = await scoreVariants(denseQueryVariants(await context.store.chunkContext()));

      log('Comparing vector spaces for semantic search...');
      const vectorSpaces: CranfieldReport['vectorSpaces'] = [];
      for (const { name, runs } of await rankInSpaces(context, collection.queries, 100)) {
        const ids = new Map([...runs].map(([q, list]) => [q.number, list.map(cranfieldId)]));
        vectorSpaces.push({ name, ...summarize(ids, collection.qrels) });
        log(`  ${name}: nDCG@10 ${vectorSpaces.at(-1)!.ndcg10.toFixed(4)}`);
      }

      const fusion: CranfieldReport['fusion'] = [];
      const aggregation: CranfieldReport['aggregation'] = [];
      if (!opts.quick) {
        log('Comparing fusion settings...');
        const convex = (alpha: number): FusionOptions => ({ method: 'convex', alpha });
        const variants: Array<{ fusion: FusionOptions; feedback: FeedbackOptions | null }> = [
          { fusion: { method: 'rrf', k: 60 }, feedback: null },
          { fusion: { method: 'rrf', k: 10 }, feedback: null },
          ...[0.1, 0.2, 0.3, 0.5].map((alpha) => ({ fusion: convex(alpha), feedback: null })),
          { fusion: { method: 'rrf', k: 60 }, feedback: DEFAULT_FEEDBACK },
          ...[0.2, 0.4].map((alpha) => ({ fusion: convex(alpha), feedback: DEFAULT_FEEDBACK })),
          ...[0.2, 0.3].map((alpha) => ({
            fusion: { method: 'zscore' as const, alpha },
            feedback: DEFAULT_FEEDBACK,
          })),
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
              r.hits.map((hit) => cranfieldId(hit.path)),
            );
          }
          const isDefault =
            JSON.stringify([variant.fusion, variant.feedback]) ===
            JSON.stringify([DEFAULT_FUSION, DEFAULT_FEEDBACK]);
          fusion.push({ ...variant, isDefault, ...summarize(runs, collection.qrels) });
        }

        log('Comparing document aggregations...');
        for (const variant of aggregationVariants()) {
          const hits = await runVariant(context, collection.queries, variant, 100);
          const runs = new Map(
            [...hits].map(([q, list]) => [q.number, list.map((hit) => cranfieldId(hit.path))]),
          );
          const row = {
            name: variantName(variant),
            isDefault: variant.isDefault,
            ...summarize(runs, collection.qrels),
          };
          log(`  ${row.name}: nDCG@10 ${row.ndcg10.toFixed(4)}`);
          aggregation.push(row);
        }
      }

      const bm25 = createReferenceBm25();
      for (const d of collection.docs) bm25.add(d.id, d.text);
      bm25.finish();
      const refRuns = new Map(collection.queries.map((q) => [q.number, bm25.search(q.text, 100)]));
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
        keywordSettings,
        queryForms,
        vectorSpaces,
        chunkContext: (await core.library.chunkContext()) ?? 'unknown',
        hybridGain: modes.hybrid.ndcg10 / Math.max(modes.keyword.ndcg10, modes.semantic.ndcg10),
        // The model the library was searched with (the default's variant it holds), not the first built-in.
        model: await core.search.resolveModel(opts.model),
      };
    } finally {
      await core.close();
    }
  } finally {
    if (work) await fs.rm(work, { recursive: true, force: true });
  }
}
