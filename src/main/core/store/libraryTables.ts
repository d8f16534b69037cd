import fs from 'node:fs';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { Connection, Table } from '@lancedb/lancedb';
import { FIELDS_FILLED_KEY } from './chunkFields';
import { STEMS_FILLED_KEY } from './chunkStems';
import { DOC_TEXT_FILLED_KEY } from './documentText';
import {
  DOC_TEXT_INDEX_NAME,
  ensureChunkKeyIndex,
  ensureKeywordIndex,
  FIELDS_INDEX_NAME,
  STEMS_INDEX_NAME,
} from './keywordIndex';
import { migrateChunkFields } from './migrateChunkFields';
import { migrateChunkStems } from './migrateChunkStems';
import { migrateDocumentDates } from './migrateDocumentDates';
import { migrateDocumentText } from './migrateDocumentText';
import { sqlString } from './filterSql';
import { parseModelRecord } from './rowConversion';
import { LibraryNotFoundError, ModelMismatchError, NewerSchemaError } from './storeErrors';
import type { ModelRecord, VectorModel } from './storeTypes';
import {
  SCHEMA_VERSION,
  TABLES,
  chunksSchema,
  documentsSchema,
  metaSchema,
  ocrPagesSchema,
  sourcesSchema,
  vectorsSchema,
  vectorsTableName,
} from './tableSchemas';

/** Where things live inside a library directory. */
export function libraryPaths(dir: string): { lanceDir: string; indexDir: string } {
  return { lanceDir: path.join(dir, 'lance'), indexDir: path.join(dir, 'index') };
}

export interface LibraryTables {
  db: Connection;
  meta: Table;
  sources: Table;
  documents: Table;
  chunks: Table;
  /** OCR'd pages' text and word boxes; null in a read-only open of a library written before it existed. */
  ocrPages: Table | null;
}

/**
 * Connects to the library's LanceDB database. Writable opens create missing tables (and the keyword
 * index); read-only opens require an existing library. Every read checks for the latest committed
 * version (readConsistencyInterval 0), so a reader sees another process's commits as they land.
 */
export async function openLibraryTables(dir: string, readonly: boolean): Promise<LibraryTables> {
  const { lanceDir } = libraryPaths(dir);
  if (readonly && !fs.existsSync(lanceDir)) throw new LibraryNotFoundError(dir);
  if (!readonly) fs.mkdirSync(lanceDir, { recursive: true });
  // Strong consistency for writers too: a merge-insert must see rows a crashed attempt of another
  // handle committed, or it would insert them again. Checking the latest manifest costs ~0.1 ms a read.
  const db = await lancedb.connect(lanceDir, { readConsistencyInterval: 0 });
  const names = new Set(await db.tableNames());
  const open = async (name: string, schema: lancedb.SchemaLike): Promise<Table> => {
    if (names.has(name)) {
      try {
        return await db.openTable(name);
      } catch (err) {
        // A writer is creating this table right now: its folder exists, its first version not yet.
        // To a reader the library does not exist until it does.
        if (readonly && isTableBeingCreated(err)) throw new LibraryNotFoundError(dir);
        throw err;
      }
    }
    if (readonly) throw new LibraryNotFoundError(dir);
    return db.createEmptyTable(name, schema, { mode: 'create', existOk: true });
  };
  const meta = await open(TABLES.meta, metaSchema);
  await checkSchemaVersion(dir, meta, readonly);
  const documents = await open(TABLES.documents, documentsSchema);
  const chunks = await open(TABLES.chunks, chunksSchema);
  if (!readonly) {
    // Version 1 -> 2: the fields column, filled in before its index is built.
    await migrateChunkFields(meta, documents, chunks);
    // Version 2 -> 3: the stems column (after the fields: that migration rewrites whole rows).
    await migrateChunkStems(meta, documents, chunks);
    // Version 3 -> 4: the documents' own dates (null until a sync reads them).
    await migrateDocumentDates(documents);
    // Version 4 -> 5: each document's whole text on its first chunk (documentText.ts).
    await migrateDocumentText(meta, documents, chunks);
    await ensureKeywordIndex(chunks);
    await ensureChunkKeyIndex(chunks);
    await writeMeta(meta, 'schemaVersion', String(SCHEMA_VERSION));
  }
  return {
    db,
    meta,
    sources: await open(TABLES.sources, sourcesSchema),
    documents,
    chunks,
    // Optional for readers: libraries written before OCR word boxes have no such table (the first
    // write creates it), and to a reader that simply means no page has boxes.
    ocrPages: readonly && !names.has(TABLES.ocrPages) ? null : await open(TABLES.ocrPages, ocrPagesSchema),
  };
}

/**
 * Every chunk row has its `fields` (chunkFields.ts) and they are indexed, so keyword search may weigh
 * them. False for a version-1 library a writer has not migrated yet.
 */
export async function fieldsReady(tables: Pick<LibraryTables, 'meta' | 'chunks'>): Promise<boolean> {
  return (
    (await readMeta(tables.meta, FIELDS_FILLED_KEY)) === '1' &&
    (await tables.chunks.listIndices()).some((i) => i.name === FIELDS_INDEX_NAME)
  );
}

/**
 * Every chunk row has its `stems` (chunkStems.ts) and they are indexed, so keyword search may match
 * them. False for a library a writer has not brought to version 3 yet.
 */
export async function stemsReady(tables: Pick<LibraryTables, 'meta' | 'chunks'>): Promise<boolean> {
  return (
    (await readMeta(tables.meta, STEMS_FILLED_KEY)) === '1' &&
    (await tables.chunks.listIndices()).some((i) => i.name === STEMS_INDEX_NAME)
  );
}

/**
 * Every document has its `docText` (documentText.ts) and it is indexed, so keyword search may score
 * whole documents. False for a library a writer has not brought to version 5 yet.
 */
export async function docTextReady(tables: Pick<LibraryTables, 'meta' | 'chunks'>): Promise<boolean> {
  return (
    (await readMeta(tables.meta, DOC_TEXT_FILLED_KEY)) === '1' &&
    (await tables.chunks.listIndices()).some((i) => i.name === DOC_TEXT_INDEX_NAME)
  );
}

function isTableBeingCreated(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /was not found|_versions/.test(message);
}

async function checkSchemaVersion(dir: string, meta: Table, readonly: boolean): Promise<void> {
  const value = await readMeta(meta, 'schemaVersion');
  if (value === null) {
    if (!readonly) await writeMeta(meta, 'schemaVersion', String(SCHEMA_VERSION));
    return;
  }
  const found = Number(value);
  if (found > SCHEMA_VERSION) throw new NewerSchemaError(dir, found, SCHEMA_VERSION);
}

export async function readMeta(meta: Table, key: string): Promise<string | null> {
  const rows = (await meta
    .query()
    .where(`\`key\` = ${sqlString(key)}`)
    .toArray()) as Array<{ value: string }>;
  return rows[0]?.value ?? null;
}

export async function writeMeta(meta: Table, key: string, value: string): Promise<void> {
  await meta.mergeInsert('key').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute([{ key, value }]);
}

const MODEL_KEY_PREFIX = 'model:';

/** The models this library holds vectors for, and their tables (one vectors table per model). */
export class ModelRegistry {
  private readonly tables = new Map<string, Table>();
  /**
   * The model records as of one version of the meta table. Every search checks its model's record
   * (and dense feedback reads it again): a meta query took 1.5-4 ms of a ~25 ms hybrid search, and
   * asking the table its version costs ~0.03 ms. Any write to meta (a model registered or dropped,
   * here or by another process) moves the version and the records are read again.
   */
  private records: { version: number; byId: Map<string, ModelRecord> } | null = null;

  constructor(private readonly lance: LibraryTables) {}

  async list(): Promise<ModelRecord[]> {
    return [...(await this.current()).values()];
  }

  async get(modelId: string): Promise<ModelRecord | null> {
    return (await this.current()).get(modelId) ?? null;
  }

  private async current(): Promise<Map<string, ModelRecord>> {
    const version = await this.lance.meta.version();
    if (this.records?.version === version) return this.records.byId;
    // Read after the version: if meta moves in between, the next call sees a newer version and reads again.
    const rows = (await this.lance.meta
      .query()
      .where(`starts_with(\`key\`, ${sqlString(MODEL_KEY_PREFIX)})`)
      .toArray()) as Array<{ value: string }>;
    const byId = new Map<string, ModelRecord>();
    for (const r of rows) {
      const model = parseModelRecord(r.value);
      if (model) byId.set(model.id, model);
    }
    this.records = { version, byId };
    return byId;
  }

  /** The model's vectors table, or null if the library has no vectors for it. */
  async table(modelId: string): Promise<Table | null> {
    const cached = this.tables.get(modelId);
    if (cached) return cached;
    const record = await this.get(modelId);
    if (!record) return null;
    if (!(await this.lance.db.tableNames()).includes(record.table)) return null;
    const table = await this.lance.db.openTable(record.table);
    this.tables.set(modelId, table);
    return table;
  }

  /**
   * Registers a model on first use and returns its table. A known id with another fingerprint or
   * dimension is refused: its stored vectors would be compared with incompatible ones.
   */
  async ensure(model: VectorModel): Promise<Table> {
    const existing = await this.get(model.id);
    if (existing && (existing.fingerprint !== model.fingerprint || existing.dims !== model.dims)) {
      throw new ModelMismatchError(model.id, existing.fingerprint, model.fingerprint);
    }
    const name = existing?.table ?? vectorsTableName(model.id);
    const tableExists = (await this.lance.db.tableNames()).includes(name);
    if (!existing) {
      // A table without a registry row is left over from a crash mid-registration or mid-drop: it is
      // referenced by nothing and may have other dimensions, so start it afresh.
      if (tableExists) await this.lance.db.dropTable(name);
      await this.lance.db.createEmptyTable(name, vectorsSchema(model.dims), {
        mode: 'create',
        existOk: true,
      });
      const record: ModelRecord = {
        id: model.id,
        dims: model.dims,
        fingerprint: model.fingerprint,
        table: name,
      };
      await writeMeta(this.lance.meta, MODEL_KEY_PREFIX + model.id, JSON.stringify(record));
    } else if (!tableExists) {
      await this.lance.db.createEmptyTable(name, vectorsSchema(model.dims), {
        mode: 'create',
        existOk: true,
      });
    }
    const table = await this.table(model.id);
    if (!table) throw new Error(`vectors table ${name} for model ${model.id} is missing`);
    return table;
  }

  /** All vectors tables that exist (for clean-up passes that must touch every model). */
  async allTables(): Promise<Array<{ model: ModelRecord; table: Table }>> {
    const out: Array<{ model: ModelRecord; table: Table }> = [];
    for (const model of await this.list()) {
      const table = await this.table(model.id);
      if (table) out.push({ model, table });
    }
    return out;
  }

  async drop(modelId: string): Promise<void> {
    const record = await this.get(modelId);
    if (!record) return;
    this.tables.get(modelId)?.close();
    this.tables.delete(modelId);
    // Table first: a crash in between leaves a registry row without a table, which ensure() repairs.
    if ((await this.lance.db.tableNames()).includes(record.table))
      await this.lance.db.dropTable(record.table);
    await this.lance.meta.delete(`\`key\` = ${sqlString(MODEL_KEY_PREFIX + modelId)}`);
  }

  close(): void {
    for (const table of this.tables.values()) table.close();
    this.tables.clear();
  }
}
