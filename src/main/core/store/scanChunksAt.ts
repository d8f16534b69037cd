import * as lancedb from '@lancedb/lancedb';
import type { RecordBatch } from 'apache-arrow';
import { scanBatches } from './arrowColumns';
import { TABLES } from './tableSchemas';

/**
 * Scans the chunks table of the LanceDB database at `lanceDir` with a connection of its own, for
 * worker threads that read a library without opening a LibraryStore (no catalog, no lock). The
 * connection is closed when the scan ends or its consumer stops early.
 */
export async function* scanChunksAt(
  lanceDir: string,
  columns: string[],
  where: string | null = null,
): AsyncGenerator<RecordBatch> {
  const db = await lancedb.connect(lanceDir);
  try {
    const chunks = await db.openTable(TABLES.chunks);
    try {
      yield* scanBatches(chunks, columns, where);
    } finally {
      chunks.close();
    }
  } finally {
    db.close();
  }
}
