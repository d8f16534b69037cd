import fs from 'node:fs/promises';
import path from 'node:path';
import { documentKinds, type DocumentKind } from '../../../shared/api/methods/library';
import { LociError, type ApiError } from '../../../shared/api/errors';
import { displayPath } from '../../../shared/displayPath';
import { searchModes, type SearchMode, type SearchResponse } from '../../../shared/api/methods/search';
import { UsageError, type CliCommand } from '../command';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'search',
  summary: 'Search the library (hybrid, semantic or keyword; +phrase/-phrase arithmetic)',
  usage: `loci search "QUERY" [-k 10] [--mode hybrid|semantic|keyword] [--by document|chunk] [--model ID] [--library DIR] [--json]
loci search --batch FILE [-k 10] [--mode M]      one query per line; NDJSON out, one object per query

  --kind K[,K...]    only documents of these kinds (${documentKinds.join(', ')})
  --path PREFIX      only documents inside this folder (or this file)

In a batch every line gets its answer, or {"error":{"code","message"},"line":N} when that query
cannot run (too long, only -exclusions...; the reason also goes to stderr); the batch goes on and
exits 0. Queries may be up to 10,000 characters (a pasted paragraph): the keyword side uses all of
them, the semantic side what fits the model (128 tokens for the built-in one, about 500 characters).

Query arithmetic: "solar energy" +storage -politics adds and subtracts the parts' meanings.
--by document (default): one result per document with its best passages; --by chunk: every matching chunk.`,
  options: {
    k: { type: 'string', short: 'k' },
    mode: { type: 'string' },
    by: { type: 'string' },
    model: { type: 'string' },
    batch: { type: 'string' },
    kind: { type: 'string' },
    path: { type: 'string' },
  },
  async run(args, ctx) {
    const k = args.values.k === undefined ? 10 : Number(args.values.k);
    if (!Number.isInteger(k) || k < 1 || k > 200) throw new UsageError('-k must be an integer from 1 to 200');
    const mode = (args.values.mode ?? 'hybrid') as SearchMode;
    if (!searchModes.includes(mode)) throw new UsageError(`--mode must be one of ${searchModes.join(', ')}`);
    const groupBy = (args.values.by ?? 'document') as 'document' | 'chunk';
    if (groupBy !== 'document' && groupBy !== 'chunk') throw new UsageError('--by must be document or chunk');
    const model = args.values.model as string | undefined;
    const batchFile = args.values.batch as string | undefined;
    const filters = searchFilters(
      args.values.kind as string | undefined,
      args.values.path as string | undefined,
    );
    if (!batchFile && args.positionals.length === 0) throw new UsageError('Give a query, or --batch FILE.');

    const queries = batchFile
      ? (await fs.readFile(batchFile, 'utf8'))
          .split(/\r?\n/)
          .map((q, n) => ({ q, line: n + 1 }))
          .filter(({ q }) => q.trim())
      : [{ q: args.positionals.join(' '), line: 1 }];
    await withCore(args, ctx, async (core) => {
      for (const { q, line } of queries) {
        if (ctx.signal.aborted) break;
        let response: SearchResponse;
        try {
          response = await core.handlers['search.query']({
            q,
            k,
            mode,
            filters,
            groupBy,
            ...(model ? { model } : {}),
          });
        } catch (err) {
          // One bad line must not cost the rest of the batch its answers.
          if (!batchFile || ctx.signal.aborted) throw err;
          const error = errorRecord(err);
          ctx.stderr.write(`loci search: line ${line}: ${error.message}\n`);
          ctx.stdout.write(`${JSON.stringify({ error, line })}\n`);
          continue;
        }
        if (args.json || batchFile) ctx.stdout.write(`${JSON.stringify(response)}\n`);
        else ctx.stdout.write(formatResults(response));
      }
    });
    return 0;
  },
};

/** `--kind pdf,docx` and `--path DIR` as the contract's search filters. */
function searchFilters(
  kind: string | undefined,
  prefix: string | undefined,
): { kinds?: DocumentKind[]; pathPrefix?: string } {
  const filters: { kinds?: DocumentKind[]; pathPrefix?: string } = {};
  if (kind !== undefined) {
    const kinds = kind
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter(Boolean);
    const unknown = kinds.filter((k) => !(documentKinds as readonly string[]).includes(k));
    if (kinds.length === 0 || unknown.length > 0)
      throw new UsageError(`--kind must be one or more of ${documentKinds.join(', ')} (got ${kind})`);
    filters.kinds = kinds as DocumentKind[];
  }
  if (prefix !== undefined) {
    if (!prefix.trim()) throw new UsageError('--path needs a folder or file');
    filters.pathPrefix = path.resolve(prefix);
  }
  return filters;
}

/** The `{code, message}` of a failed query; anything unexpected is INTERNAL without internals. */
function errorRecord(err: unknown): ApiError {
  if (err instanceof LociError) return err.toJSON();
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

function formatResults(r: SearchResponse): string {
  if (r.results.length === 0) return `No results for "${r.query}" (${r.mode}, ${r.tookMs} ms).\n`;
  const lines = [`${r.results.length} results for "${r.query}" (${r.mode}, ${r.tookMs} ms):`, ''];
  for (const hit of r.results) {
    const where = hit.page === null ? '' : `, page ${hit.page}`;
    lines.push(`${hit.rank}. ${hit.title} (${hit.score.toFixed(3)}${hit.passages ? '' : where})`);
    lines.push(`   ${displayPath(hit.path)}`);
    for (const p of hit.passages ?? [hit]) {
      const page = p.page === null || !hit.passages ? '' : `p. ${p.page}: `;
      lines.push(`   ${page}${markSnippet(p.snippet, p.highlights)}`);
    }
    if (hit.morePassages) lines.push(`   (${hit.morePassages} more in this document)`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** Brackets the highlighted ranges so matches stand out on a plain terminal. */
function markSnippet(snippet: string, ranges: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += `${snippet.slice(at, start)}[${snippet.slice(start, end)}]`;
    at = end;
  }
  return (out + snippet.slice(at)).replace(/\s+/g, ' ');
}
