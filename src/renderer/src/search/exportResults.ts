import type { SearchHit, SearchResponse } from '../../../shared/api/methods/search';
import { csvCell } from '../components/csvFile';
import { pageMark } from '../components/vocabulary';

export { csvCell };

/**
 * Search results as files a researcher keeps: one row per passage (by document: each shown passage
 * of each document; by chunk: each hit), with the document's title, file, page, score and snippet.
 */
export interface ExportRow {
  rank: number;
  title: string;
  file: string;
  page: number | null;
  score: number;
  snippet: string;
}

export function exportRows(results: readonly SearchHit[]): ExportRow[] {
  return results.flatMap((hit) =>
    (hit.passages ?? [hit]).map((p) => ({
      rank: hit.rank,
      title: hit.title,
      file: hit.path,
      page: p.page,
      score: Number(hit.score.toFixed(4)),
      snippet: p.snippet.replace(/\s+/g, ' ').trim(),
    })),
  );
}

export function resultsToCsv(results: readonly SearchHit[]): string {
  const header = ['rank', 'title', 'file', 'page', 'score', 'snippet'];
  const lines = exportRows(results).map((r) =>
    [r.rank, r.title, r.file, r.page, r.score, r.snippet].map(csvCell).join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export function resultsToJson(response: SearchResponse, results: readonly SearchHit[]): string {
  return `${JSON.stringify(
    { query: response.query, mode: response.mode, model: response.model, results: exportRows(results) },
    null,
    2,
  )}\n`;
}

/** "Title", file.pdf, p. 3: what a reader pastes into notes to find the passage again. */
export function citation(hit: Pick<SearchHit, 'title' | 'path' | 'page' | 'kind'>): string {
  const file = hit.path.split(/[\\/]/).pop() ?? hit.path;
  const where = hit.page === null ? '' : `, ${pageMark(hit.kind)} ${hit.page}`;
  return `“${hit.title || file}”, ${file}${where}`;
}

/** A file name for the export from the query: letters, digits and dashes only. */
export function exportFileName(query: string, extension: 'csv' | 'json'): string {
  const stem = query
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `loci-${stem || 'results'}.${extension}`;
}
