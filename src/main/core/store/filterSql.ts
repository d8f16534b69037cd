import type { DocumentFilters, DocumentStatus } from './storeTypes';

/**
 * LanceDB filters are SQL strings. Everything user-controlled goes through these helpers: strings are
 * quoted with doubled single quotes, identifiers with backticks (LanceDB's rule for mixed-case names).
 * Path prefixes use starts_with(), not LIKE, so `%` and `_` in paths are literal.
 */

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlColumn(name: string): string {
  return `\`${name}\``;
}

export function sqlInList(column: string, values: Iterable<string | number | bigint>): string {
  const items: string[] = [];
  for (const v of values) items.push(typeof v === 'string' ? sqlString(v) : String(v));
  if (items.length === 0) return 'false';
  return `${sqlColumn(column)} IN (${items.join(', ')})`;
}

export function sqlAnd(parts: ReadonlyArray<string | null | undefined>): string | null {
  const present = parts.filter((p): p is string => Boolean(p));
  if (present.length === 0) return null;
  return present.map((p) => `(${p})`).join(' AND ');
}

export function hasDocumentFilters(filters: DocumentFilters | undefined): boolean {
  return Boolean(
    filters &&
    ((filters.sources && filters.sources.length > 0) ||
      (filters.kinds && filters.kinds.length > 0) ||
      (filters.pathPrefix !== undefined && filters.pathPrefix !== '') ||
      filters.docIds !== undefined ||
      (filters.statuses && filters.statuses.length > 0)),
  );
}

/**
 * The SQL form of the filters, valid on documents, chunks and vectors rows (all carry source, kind and
 * path; a document's id is `id` on documents and `docId` elsewhere). `statuses` only exists on
 * documents and is ignored elsewhere. Null when nothing filters.
 */
export function filtersToSql(
  filters: DocumentFilters | undefined,
  table: 'documents' | 'chunks' = 'chunks',
): string | null {
  if (!filters) return null;
  return sqlAnd([
    filters.sources && filters.sources.length > 0 ? sqlInList('source', filters.sources) : null,
    filters.kinds && filters.kinds.length > 0 ? sqlInList('kind', filters.kinds) : null,
    filters.pathPrefix ? `starts_with(${sqlColumn('path')}, ${sqlString(filters.pathPrefix)})` : null,
    filters.docIds ? sqlInList(table === 'documents' ? 'id' : 'docId', filters.docIds) : null,
    table === 'documents' && filters.statuses && filters.statuses.length > 0
      ? sqlInList('status', filters.statuses)
      : null,
  ]);
}

const idSets = new WeakMap<readonly string[], Set<string>>();

/** A filter's id list as a set, built once per list (catalog scans test every document against it). */
function idSet(ids: readonly string[]): Set<string> {
  let set = idSets.get(ids);
  if (!set) idSets.set(ids, (set = new Set(ids)));
  return set;
}

/** The same predicate in JS, for candidates that come from USearch (which cannot filter). */
export function matchesFilters(
  doc: { id?: string; source: string; kind: string; path: string; status?: DocumentStatus },
  filters: DocumentFilters | undefined,
): boolean {
  if (!filters) return true;
  if (filters.sources && filters.sources.length > 0 && !filters.sources.includes(doc.source)) return false;
  if (filters.kinds && filters.kinds.length > 0 && !filters.kinds.includes(doc.kind)) return false;
  if (filters.pathPrefix && !doc.path.startsWith(filters.pathPrefix)) return false;
  if (filters.docIds && doc.id !== undefined && !idSet(filters.docIds).has(doc.id)) return false;
  if (
    filters.statuses &&
    filters.statuses.length > 0 &&
    doc.status !== undefined &&
    !filters.statuses.includes(doc.status)
  )
    return false;
  return true;
}
