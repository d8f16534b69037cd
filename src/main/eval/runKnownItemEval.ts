import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestSummary } from '../../shared/api/methods/library';
import { createCore } from '../core/createCore';
import type { CoreConfig } from '../core/config';
import type { SearchHit } from '../core/search/searchTypes';
import { DEFAULT_EXPANSION, DEFAULT_FIELD_BOOST, DEFAULT_PHRASE_BOOST } from '../core/search/search';
import { aggregationVariants, runVariant, variantName } from './aggregationVariants';
import { keywordVariants, runSearches } from './keywordVariants';
import { denseQueryVariants } from './denseQueryVariants';
import { rankInSpaces } from './vectorSpaceSearch';

/**
 * The known-item set (knownItems.json): 50 questions a user would ask, each answered by one specific
 * document of a corpus of 420 real PDFs from Debian's TeX Live documentation packages, written without
 * the documents' title words. Scores: success@5 (the document is among the first five results) and
 * MRR@10 (1 / its rank, 0 beyond ten), by document.
 */
export interface KnownItemSet {
  /** Where the corpus lives once the Debian packages are installed. */
  root: string;
  debianPackages: string[];
  /** The corpus, relative to root. */
  corpus: string[];
  items: Array<{ q: string; expect: string }>;
}

export interface KnownItemScores {
  name: string;
  isDefault: boolean;
  success5: number;
  mrr10: number;
  /** Questions whose document was not in the top 10, with the first result instead (for reading). */
  misses: Array<{ q: string; expect: string; got: string | null }>;
}

export interface KnownItemReport {
  library: string;
  documents: number;
  /** Corpus files the library does not hold (not installed, or not ingested). */
  missing: string[];
  questions: number;
  rows: KnownItemScores[];
  /** Keyword-side settings (fields weight, phrase boost, RM3, whole documents), keyword and hybrid (keywordVariants.ts). */
  keywordSettings: KnownItemScores[];
  /** Semantic side: the whole query or its content words embedded (denseQueryVariants.ts). */
  queryForms: KnownItemScores[];
  /** What the library embeds with each chunk (ingest/embeddedText.ts). */
  chunkContext: string;
  /** Semantic search (exact, best chunk) in the raw space and library-fitted spaces (vectorSpaceSearch.ts). */
  vectorSpaces: KnownItemScores[];
}

export function readKnownItems(): KnownItemSet {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'knownItems.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KnownItemSet;
}

/** success@5 and MRR@10 of ranked result lists against each question's expected document. */
export function scoreKnownItems(
  set: KnownItemSet,
  results: ReadonlyMap<string, ReadonlyArray<Pick<SearchHit, 'path'>>>,
): Omit<KnownItemScores, 'name' | 'isDefault'> {
  let success = 0;
  let rr = 0;
  const misses: KnownItemScores['misses'] = [];
  for (const item of set.items) {
    const hits = results.get(item.q) ?? [];
    const rank = hits.findIndex((h) => isExpected(h.path, set.root, item.expect)) + 1;
    if (rank >= 1 && rank <= 5) success++;
    if (rank >= 1 && rank <= 10) rr += 1 / rank;
    else misses.push({ q: item.q, expect: item.expect, got: hits[0]?.path ?? null });
  }
  const n = set.items.length || 1;
  return { success5: success / n, mrr10: rr / n, misses };
}

function isExpected(hitPath: string, root: string, expect: string): boolean {
  return hitPath === path.join(root, expect) || hitPath.endsWith(`/${expect}`);
}

/**
 * Runs the set against a library: `libraryDir` if it exists (build it once with
 * `loci add --library DIR <root>/...` and reuse it), else a new one ingested from the corpus there.
 */
export async function runKnownItemEval(
  base: Pick<CoreConfig, 'appVersion' | 'dataDir' | 'resourcesDir' | 'threads' | 'chunkContext'> & {
    libraryDir: string;
  },
  opts: { model?: string; log?: (line: string) => void; variants?: boolean } = {},
): Promise<KnownItemReport> {
  const log = opts.log ?? (() => {});
  const set = readKnownItems();
  const present = set.corpus.filter((rel) => fs.existsSync(path.join(set.root, rel)));
  if (present.length < set.corpus.length)
    log(
      `${set.corpus.length - present.length} of ${set.corpus.length} corpus files are not on this machine; ` +
        `install them with: apt-get install ${set.debianPackages.join(' ')}`,
    );
  const core = await createCore({ ...base, watch: false });
  try {
    const status = await core.handlers['library.status']({});
    if (status.documents.total === 0) {
      log(`Ingesting ${present.length} PDFs into ${base.libraryDir} (this takes a while)...`);
      const { jobId } = await core.handlers['library.add']({
        paths: present.map((rel) => path.join(set.root, rel)),
      });
      const summary = (await core.jobs.wait(jobId)) as IngestSummary;
      log(`Ingested ${summary.chunks} chunks.`);
    } else {
      // A writer pass over a kept library: picks up changed files and migrates an older library's data.
      const { jobId } = await core.handlers['library.sync']({});
      await core.jobs.wait(jobId);
    }
    const held = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = await core.handlers['library.documents']({ filter: {}, offset, limit: 1000 });
      for (const d of page.items) if (d.status === 'ok') held.add(d.path);
      if (offset + 1000 >= page.total) break;
    }
    const missing = set.corpus.filter((rel) => !held.has(path.join(set.root, rel)));
    const unanswerable = set.items.filter((i) => missing.includes(i.expect));
    if (unanswerable.length > 0)
      log(`Not in the library, so counted as misses: ${unanswerable.map((i) => i.expect).join(', ')}`);
    const context = await core.search.context(await core.search.resolveModel(opts.model));
    if (!context) throw new Error(`No library at ${base.libraryDir}`);
    const queries = set.items.map((i) => ({ text: i.q }));
    const rows: KnownItemScores[] = [];
    const variants = aggregationVariants().filter((v) => opts.variants !== false || v.isDefault);
    for (const variant of variants) {
      const hits = await runVariant(context, queries, variant, 10);
      const byText = new Map([...hits].map(([q, list]) => [q.text, list]));
      const row = {
        name: variantName(variant),
        isDefault: variant.isDefault,
        ...scoreKnownItems(set, byText),
      };
      log(`  ${row.name}: success@5 ${row.success5.toFixed(3)}  MRR@10 ${row.mrr10.toFixed(3)}`);
      rows.push(row);
    }
    const keywordSettings: KnownItemScores[] = [];
    for (const variant of keywordVariants({
      fieldBoost: DEFAULT_FIELD_BOOST,
      phraseBoost: DEFAULT_PHRASE_BOOST,
      expansion: DEFAULT_EXPANSION,
    })) {
      const hits = await runSearches(context, queries, { mode: variant.mode, ...variant.settings }, 10);
      const byText = new Map([...hits].map(([q, list]) => [q.text, list]));
      const row = { name: variant.name, isDefault: variant.isDefault, ...scoreKnownItems(set, byText) };
      log(`  ${row.name}: success@5 ${row.success5.toFixed(3)}  MRR@10 ${row.mrr10.toFixed(3)}`);
      keywordSettings.push(row);
    }
    const queryForms: KnownItemScores[] = [];
    for (const variant of denseQueryVariants(await context.store.chunkContext())) {
      const hits = await runSearches(context, queries, { mode: variant.mode, ...variant.settings }, 10);
      const byText = new Map([...hits].map(([q, list]) => [q.text, list]));
      const row = { name: variant.name, isDefault: variant.isDefault, ...scoreKnownItems(set, byText) };
      log(`  ${row.name}: success@5 ${row.success5.toFixed(3)}  MRR@10 ${row.mrr10.toFixed(3)}`);
      queryForms.push(row);
    }
    const vectorSpaces: KnownItemScores[] = [];
    for (const { name, runs } of await rankInSpaces(context, queries, 10)) {
      const byText = new Map([...runs].map(([q, paths]) => [q.text, paths.map((p) => ({ path: p }))]));
      vectorSpaces.push({ name, isDefault: name === 'raw cosine', ...scoreKnownItems(set, byText) });
    }
    return {
      vectorSpaces,
      library: base.libraryDir,
      documents: held.size,
      missing,
      questions: set.items.length,
      rows,
      keywordSettings,
      queryForms,
      chunkContext: (await core.library.chunkContext()) ?? 'unknown',
    };
  } finally {
    await core.close();
  }
}
