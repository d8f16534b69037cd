import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runCranfieldEval, type CranfieldReport } from '../../eval/runCranfieldEval';
import { runKnownItemEval, type KnownItemReport } from '../../eval/runKnownItemEval';
import { CHUNK_CONTEXTS, type ChunkContext } from '../../core/ingest/embeddedText';
import { UsageError, type CliCommand } from '../command';
import { coreConfigFor } from '../paths';

export const command: CliCommand = {
  name: 'eval',
  summary: 'Measure retrieval quality: Cranfield (nDCG@10, MAP@100, Recall@100) and the known-item set',
  usage: `loci eval cranfield [DIR] [--library DIR] [--chunk-context C] [--quick] [--model ID] [--json]
loci eval known-items [--library DIR] [--chunk-context C] [--quick] [--model ID] [--json]

Ingests the Cranfield 1400 collection into a temporary library and scores keyword, semantic and hybrid
search against its judgements, next to an independent BM25 (wink-bm25-text-search) run on the same texts.
DIR (or --data DIR) is the folder holding cran.all.1400, cran.qry and cranqrel; default
$LOCI_SHARED_DATA/cranfield, else ../shared/data/cranfield. A development tool: the reference BM25
needs the dev dependencies (npm install in a checkout of the repository).

known-items: 50 questions, each answered by one of 420 TeX Live documentation PDFs (Debian's
texlive-*-doc packages, src/main/eval/knownItems.json); success@5 and MRR@10 per mode and setting.
Give --library a folder to keep the ingested library between runs (it is built on the first run;
for cranfield its documents go into DIR.docs). --chunk-context (none, title, title-headings) says what a
library built by this run embeds with each chunk; a kept library keeps its own. --quick skips the
fusion and aggregation tables (known-items: keeps only the default aggregations).`,
  options: {
    data: { type: 'string' },
    model: { type: 'string' },
    'chunk-context': { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
  async run(args, ctx) {
    const context = args.values['chunk-context'] as string | undefined;
    if (context !== undefined && !(CHUNK_CONTEXTS as readonly string[]).includes(context))
      throw new UsageError(`--chunk-context must be one of ${CHUNK_CONTEXTS.join(', ')}`);
    const extra = context ? { chunkContext: context as ChunkContext } : {};
    if (args.positionals[0] === 'known-items') {
      const config = coreConfigFor(args, ctx.env, extra);
      const report = await runKnownItemEval(config, {
        ...(args.values.model ? { model: args.values.model as string } : {}),
        variants: args.values.quick !== true,
        log: (line) => ctx.stderr.write(`${line}\n`),
      });
      ctx.stdout.write(args.json ? `${JSON.stringify(report)}\n` : formatKnownItems(report));
      return 0;
    }
    if (args.positionals[0] !== 'cranfield')
      throw new UsageError('Use "loci eval cranfield" or "loci eval known-items".');
    if (args.positionals.length > 2) throw new UsageError(`unexpected argument ${args.positionals[2]}`);
    const dataDir = path.resolve(
      args.positionals[1] ??
        (args.values.data as string | undefined) ??
        path.join(ctx.env.LOCI_SHARED_DATA ?? path.join(process.cwd(), '../shared/data'), 'cranfield'),
    );
    const missing = ['cran.all.1400', 'cran.qry', 'cranqrel'].filter(
      (f) => !fs.existsSync(path.join(dataDir, f)),
    );
    if (missing.length > 0) {
      ctx.stderr.write(
        `loci eval: no Cranfield collection in ${dataDir} (missing ${missing.join(', ')}).\n` +
          'Give the folder: loci eval cranfield DIR (or set LOCI_SHARED_DATA).\n',
      );
      return 1;
    }
    try {
      createRequire(import.meta.url).resolve('wink-bm25-text-search');
      createRequire(import.meta.url).resolve('wink-porter2-stemmer');
    } catch {
      ctx.stderr.write(
        'loci eval: the reference BM25 (wink-bm25-text-search, wink-porter2-stemmer) is a development ' +
          'dependency; run "npm install" in a checkout of the repository.\n',
      );
      return 1;
    }
    const config = coreConfigFor(args, ctx.env, extra);
    const report = await runCranfieldEval(dataDir, config, {
      ...(args.values.model ? { model: args.values.model as string } : {}),
      // Only an explicit --library is kept: never the user's default library.
      ...(args.library ? { libraryDir: path.resolve(args.library) } : {}),
      quick: args.values.quick === true,
      log: (line) => ctx.stderr.write(`${line}\n`),
      signal: ctx.signal,
    });
    ctx.stdout.write(args.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return 0;
  },
};

function formatReport(r: CranfieldReport): string {
  const row = (name: string, m: { ndcg10: number; map100: number; recall100: number }, extra = '') =>
    `${name.padEnd(26)} ${m.ndcg10.toFixed(4)}   ${m.map100.toFixed(4)}   ${m.recall100.toFixed(4)}${extra}`;
  return [
    `Cranfield: ${r.collection.documents} documents, ${r.collection.queries} queries (${r.collection.judgedQueries} with relevant documents); model ${r.model}`,
    `Ingest: ${r.ingest.seconds.toFixed(1)} s, ${r.ingest.chunks} chunks; embedded text: ${r.chunkContext}`,
    '',
    `${'mode'.padEnd(26)} nDCG@10  MAP@100  Recall@100`,
    row('keyword (LanceDB BM25)', r.modes.keyword, `   ${r.modes.keyword.msPerQuery.toFixed(1)} ms/query`),
    row('semantic (USearch)', r.modes.semantic, `   ${r.modes.semantic.msPerQuery.toFixed(1)} ms/query`),
    row('hybrid', r.modes.hybrid, `   ${r.modes.hybrid.msPerQuery.toFixed(1)} ms/query`),
    row(`reference BM25 (${r.referenceBm25.library})`.slice(0, 26), r.referenceBm25),
    '',
    'keyword side: fields (title, file name, headings) weight, phrase boost, RM3, whole-document BM25 (default weight unless named), derived forms (nDCG@10 / MAP@100 / Recall@100):',
    ...r.keywordSettings.map(
      (a) =>
        `  ${a.name.padEnd(34)} ${a.ndcg10.toFixed(4)}   ${a.map100.toFixed(4)}   ${a.recall100.toFixed(4)}${a.isDefault ? '   <- default' : ''}`,
    ),
    '',
    'dense query: the whole query or its content words embedded (nDCG@10 / MAP@100 / Recall@100):',
    ...r.queryForms.map(
      (a) =>
        `  ${a.name.padEnd(46)} ${a.ndcg10.toFixed(4)}   ${a.map100.toFixed(4)}   ${a.recall100.toFixed(4)}${a.isDefault ? '   <- default' : ''}`,
    ),
    '',
    'semantic search in the library-fitted space (exact, best chunk; nDCG@10 / MAP@100 / Recall@100):',
    ...r.vectorSpaces.map(
      (a) =>
        `  ${a.name.padEnd(34)} ${a.ndcg10.toFixed(4)}   ${a.map100.toFixed(4)}   ${a.recall100.toFixed(4)}`,
    ),
    '',
    'hybrid settings: fusion, dense feedback (nDCG@10 / MAP@100 / Recall@100):',
    ...r.fusion.map(
      (f) =>
        `  ${fusionName(f.fusion).padEnd(18)} ${(f.feedback ? `top ${f.feedback.chunks}, weight ${f.feedback.weight}` : 'none').padEnd(18)} ` +
        `${f.ndcg10.toFixed(4)}   ${f.map100.toFixed(4)}   ${f.recall100.toFixed(4)}${f.isDefault ? '   <- default' : ''}`,
    ),
    '',
    'results by document: aggregation of chunk scores (nDCG@10 / MAP@100 / Recall@100):',
    ...r.aggregation.map(
      (a) =>
        `  ${a.name.padEnd(34)} ${a.ndcg10.toFixed(4)}   ${a.map100.toFixed(4)}   ${a.recall100.toFixed(4)}${a.isDefault ? '   <- default' : ''}`,
    ),
    '',
    `hybrid / max(keyword, semantic) nDCG@10 = ${r.hybridGain.toFixed(3)} (goal >= 1.1)`,
    '',
  ].join('\n');
}

function fusionName(f: CranfieldReport['fusion'][number]['fusion']): string {
  if (f.method === 'rrf') return `RRF k=${f.k}`;
  return `${f.method === 'zscore' ? 'z-score' : 'convex'} alpha=${f.alpha}`;
}

function formatKnownItems(r: KnownItemReport): string {
  const best = r.rows.find((row) => row.isDefault && row.name.startsWith('hybrid'));
  return [
    `Known items: ${r.questions} questions over ${r.documents} documents in ${r.library}; embedded text: ${r.chunkContext}`,
    r.missing.length > 0 ? `Missing from the library: ${r.missing.length} corpus files` : 'Corpus complete.',
    '',
    `${'mode and aggregation'.padEnd(36)} success@5  MRR@10`,
    ...r.rows.map(
      (row) =>
        `  ${row.name.padEnd(34)} ${row.success5.toFixed(3)}      ${row.mrr10.toFixed(3)}${row.isDefault ? '   <- default' : ''}`,
    ),
    '',
    'dense query: the whole query or its content words embedded:',
    ...r.queryForms.map(
      (row) =>
        `  ${row.name.padEnd(46)} ${row.success5.toFixed(3)}      ${row.mrr10.toFixed(3)}${row.isDefault ? '   <- default' : ''}`,
    ),
    '',
    'semantic search in the library-fitted space (exact, best chunk):',
    ...r.vectorSpaces.map(
      (row) => `  ${row.name.padEnd(34)} ${row.success5.toFixed(3)}      ${row.mrr10.toFixed(3)}`,
    ),
    '',
    'keyword side: fields (title, file name, headings) weight, phrase boost, RM3, whole-document BM25 (default weight unless named), derived forms:',
    ...r.keywordSettings.map(
      (row) =>
        `  ${row.name.padEnd(34)} ${row.success5.toFixed(3)}      ${row.mrr10.toFixed(3)}${row.isDefault ? '   <- default' : ''}`,
    ),
    '',
    ...(best
      ? [
          `Hybrid (default) misses beyond rank 10: ${best.misses.length}`,
          ...best.misses.map((m) => `  "${m.q}" -> expected ${m.expect}, first ${m.got ?? 'nothing'}`),
        ]
      : []),
    '',
  ].join('\n');
}
