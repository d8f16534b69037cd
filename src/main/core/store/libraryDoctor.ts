import fs from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import type { Table } from '@lancedb/lancedb';
import type { LibraryCheckReport, TableHealth } from '../../../shared/api/methods/library';
import { checkIndexFiles } from './checkIndexFiles';
import { checkOcrPages, type IndexedDocument } from './checkOcrPages';
import { checkTable } from './checkTable';
import { describeDamage } from './libraryDamage';
import { libraryPaths } from './libraryTables';
import { parseModelRecord, toDocumentRecord } from './rowConversion';
import { isIndexed, type ModelRecord } from './storeTypes';
import { TABLES } from './tableSchemas';
import { tableFolders } from './tableVersions';
import { scanVectorKeys } from './vectorRows';

/**
 * The library doctor's examination (`loci doctor`, library.check). It works on the raw LanceDB files,
 * not through LibraryStore, because a damaged library may not open as a store at all. Read-only: it
 * takes no lock and changes nothing.
 *
 *  1. every table: opened, read in full (or one column for the quick check), older manifests tried;
 *  2. every indexed (`ok` or `partial`) document: its visible chunks, and its visible vectors for each model, equal the
 *     chunk count its row records (a table that went back to an older version loses rows here);
 *  3. every saved vector index: loadable, and holding exactly its table's keys;
 *  4. the OCR word boxes (`ocr_pages`, when the library has the table): see checkOcrPages.ts.
 */

export interface CheckOptions {
  /** Read every column (default) or just one per table (a quick check for `status`). */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, current: string): void;
}

/** The tables every library has (vectors tables come from the model registry in `meta`). */
export const CORE_TABLES: readonly string[] = [TABLES.meta, TABLES.sources, TABLES.documents, TABLES.chunks];

type VisibleCounts = Map<string, number>;

export async function checkLibrary(dir: string, options: CheckOptions = {}): Promise<LibraryCheckReport> {
  const started = performance.now();
  const full = options.full ?? true;
  const { lanceDir, indexDir } = libraryPaths(dir);
  const report: LibraryCheckReport = {
    libraryDir: dir,
    healthy: true,
    full,
    seconds: 0,
    tables: [],
    documents: { ok: 0, chunks: 0, damaged: [] },
    models: [],
    indexes: [],
    ocr: null,
    problems: [],
  };
  const present = tableFolders(lanceDir);
  if (!fs.existsSync(lanceDir) || present.length === 0) return finish(report, started);

  const db = await lancedb.connect(lanceDir, { readConsistencyInterval: 0 });
  try {
    const models = await readModels(db, lanceDir);
    // ocr_pages is optional (libraries older than stored word boxes have none): checked when present.
    const optional = present.includes(TABLES.ocrPages) ? [TABLES.ocrPages] : [];
    const names = [...CORE_TABLES, ...optional, ...models.map((m) => m.table)];
    for (const [i, name] of names.entries()) {
      options.signal?.throwIfAborted();
      options.onProgress?.(i, names.length + 1, name);
      const health: TableHealth = present.includes(name)
        ? await checkTable(db, lanceDir, name, full)
        : {
            table: name,
            version: null,
            rows: null,
            problem: 'the table is missing',
            unreadableVersions: [],
            unreadableIndexes: [],
          };
      report.tables.push(health);
      if (health.problem) report.problems.push(`table ${name}: ${health.problem}`);
    }
    options.onProgress?.(names.length, names.length + 1, 'documents');
    const readable = (name: string) =>
      report.tables.some((t) => t.table === name && t.version !== null && t.rows !== null);
    if (readable(TABLES.documents) && readable(TABLES.chunks)) {
      const indexed = await checkDocuments(db, models, readable, indexDir, report);
      if (!optional.length || readable(TABLES.ocrPages)) {
        const ocr = await checkOcrPages(db, optional.length > 0, indexed, full);
        report.ocr = ocr.health;
        report.problems.push(...ocr.problems);
      }
    }
  } catch (err) {
    if (options.signal?.aborted) throw err;
    // Anything the steps above did not expect (a table vanishing mid-check) is still a finding.
    report.problems.push(`the check stopped: ${describeDamage(err)}`);
  } finally {
    db.close();
  }
  options.onProgress?.(1, 1, 'done');
  return finish(report, started);
}

function finish(report: LibraryCheckReport, started: number): LibraryCheckReport {
  report.healthy = report.problems.length === 0;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** The registered models, or none when `meta` cannot be read (its own check reports that). */
async function readModels(db: lancedb.Connection, lanceDir: string): Promise<ModelRecord[]> {
  if (!tableFolders(lanceDir).includes(TABLES.meta)) return [];
  try {
    const meta = await db.openTable(TABLES.meta);
    try {
      const rows = (await meta.query().where("starts_with(`key`, 'model:')").toArray()) as Array<{
        value: string;
      }>;
      return rows.map((r) => parseModelRecord(r.value)).filter((m): m is ModelRecord => m !== null);
    } finally {
      meta.close();
    }
  } catch {
    return [];
  }
}

/** Counts rows per document whose generation is the committed one (what search can see). */
async function visibleCounts(table: Table, committed: ReadonlyMap<string, string>): Promise<VisibleCounts> {
  const counts: VisibleCounts = new Map();
  for await (const batch of table.query().select(['docId', 'generation'])) {
    const docIds = batch.getChild('docId');
    const generations = batch.getChild('generation');
    if (!docIds || !generations) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docIds.get(i));
      if (committed.get(docId) === String(generations.get(i)))
        counts.set(docId, (counts.get(docId) ?? 0) + 1);
    }
  }
  return counts;
}

async function checkDocuments(
  db: lancedb.Connection,
  models: readonly ModelRecord[],
  readable: (name: string) => boolean,
  indexDir: string,
  report: LibraryCheckReport,
): Promise<Map<string, IndexedDocument>> {
  const documents = await db.openTable(TABLES.documents);
  const docs = new Map<string, { path: string; chunkCount: number }>();
  const committed = new Map<string, string>();
  const indexed = new Map<string, IndexedDocument>();
  const columns = ['id', 'path', 'status', 'chunkCount', 'generation', 'reason'];
  for await (const batch of documents.query().select(columns)) {
    for (const row of batch.toArray() as Array<Record<string, unknown>>) {
      const doc = toDocumentRecord(row);
      if (!isIndexed(doc.status)) continue;
      docs.set(doc.id, { path: doc.path, chunkCount: doc.chunkCount });
      committed.set(doc.id, doc.generation);
      indexed.set(doc.id, { path: doc.path, generation: doc.generation, reason: doc.reason });
    }
  }
  documents.close();
  report.documents.ok = docs.size;
  report.documents.chunks = [...docs.values()].reduce((sum, d) => sum + d.chunkCount, 0);

  const damaged = new Map<string, string[]>();
  const compare = (what: string, counts: VisibleCounts) => {
    for (const [id, doc] of docs) {
      const found = counts.get(id) ?? 0;
      if (found === doc.chunkCount) continue;
      const list = damaged.get(doc.path) ?? [];
      list.push(`${found} of ${doc.chunkCount} ${what}`);
      damaged.set(doc.path, list);
    }
  };
  const chunks = await db.openTable(TABLES.chunks);
  compare('chunks', await visibleCounts(chunks, committed));
  chunks.close();

  for (const model of models) {
    if (!readable(model.table)) {
      report.models.push({ id: model.id, vectors: null, problem: 'its vectors table cannot be read' });
      continue;
    }
    const table = await db.openTable(model.table);
    try {
      const counts = await visibleCounts(table, committed);
      const vectors = [...counts.values()].reduce((a, b) => a + b, 0);
      const problem =
        vectors === report.documents.chunks
          ? null
          : `${vectors} vectors for ${report.documents.chunks} chunks`;
      report.models.push({ id: model.id, vectors, problem });
      if (problem) report.problems.push(`model ${model.id}: ${problem}`);
      compare(`vectors of ${model.id}`, counts);
      if (report.full) {
        const keys = new Set(await scanVectorKeys(table));
        const index = checkIndexFiles(indexDir, model, await table.version(), keys);
        report.indexes.push(index);
        if (index.state === 'damaged') report.problems.push(`vector index of ${model.id}: ${index.problem}`);
      }
    } finally {
      table.close();
    }
  }
  report.documents.damaged = [...damaged].map(([path, problems]) => ({ path, problem: problems.join(', ') }));
  if (damaged.size > 0) {
    const first = report.documents.damaged[0]!;
    report.problems.push(
      `${damaged.size} document${damaged.size === 1 ? '' : 's'} lost chunks or vectors (e.g. ${first.path}: ${first.problem})`,
    );
  }
  return indexed;
}
