import * as lancedb from '@lancedb/lancedb';
import path from 'node:path';
import { LibraryStore } from '../../src/main/core/store/libraryStore';
import { isIndexed } from '../../src/main/core/store/storeTypes';

export interface InvariantReport {
  documents: number;
  ok: number;
  visibleChunks: number;
  problems: string[];
}

/**
 * Checks what a user relies on after any crash: every table opens; each indexed (`ok`, `partial`) document has exactly its
 * chunks visible; no chunk id exists twice in the raw table (visible or not); every model has exactly
 * one vector per visible chunk among its visible rows.
 */
export async function checkLibraryInvariants(libraryDir: string): Promise<InvariantReport> {
  const problems: string[] = [];
  const store = await LibraryStore.open(libraryDir, { readonly: true });
  try {
    const catalog = await store.catalog();
    let ok = 0;
    let visibleChunks = 0;
    for (const doc of catalog.byId.values()) {
      if (!isIndexed(doc.status)) continue;
      if (doc.status === 'ok') ok += 1;
      const chunks = await store.getChunks(doc.id);
      visibleChunks += chunks.length;
      if (chunks.length !== doc.chunkCount) {
        problems.push(`${doc.path}: ${chunks.length} visible chunks, document row says ${doc.chunkCount}`);
      }
      const ordinals = chunks.map((c) => c.ordinal);
      if (new Set(ordinals).size !== ordinals.length) problems.push(`${doc.path}: repeated chunk ordinals`);
    }

    const db = await lancedb.connect(path.join(libraryDir, 'lance'));
    try {
      for (const name of await db.tableNames()) {
        const table = await db.openTable(name);
        if (name === 'chunks' || name.startsWith('vectors_')) {
          const idColumn = name === 'chunks' ? 'id' : 'chunkId';
          const rows = (await table.query().select([idColumn, 'docId', 'generation']).toArray()) as Array<
            Record<string, string>
          >;
          const ids = rows.map((r) => r[idColumn]!);
          if (new Set(ids).size !== ids.length)
            problems.push(`${name}: ${ids.length - new Set(ids).size} duplicate ids`);
          if (name.startsWith('vectors_')) {
            const visible = rows.filter(
              (r) => catalog.visibleDocument(r.docId!, r.generation!) !== null,
            ).length;
            if (visible !== catalog.visibleChunks) {
              problems.push(
                `${name}: ${visible} visible vectors for ${catalog.visibleChunks} visible chunks`,
              );
            }
          }
        }
        table.close();
      }
    } finally {
      db.close();
    }
    return { documents: catalog.byId.size, ok, visibleChunks, problems };
  } finally {
    await store.close();
  }
}
