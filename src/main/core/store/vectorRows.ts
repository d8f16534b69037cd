import type { Table } from '@lancedb/lancedb';
import type { RecordBatch } from 'apache-arrow';
import { vectorColumn } from './arrowColumns';
import { sqlInList } from './filterSql';
import type { ChunkRecord, ModelVectors } from './storeTypes';

/** Writing and bulk-reading the per-model vectors tables. */

/** Rows for one model's vectors table; vectors are stored unit-length (inner product = cosine). */
export function buildVectorRows(
  chunks: readonly ChunkRecord[],
  modelVectors: ModelVectors,
): Array<Record<string, unknown>> {
  const { model, vectors } = modelVectors;
  if (vectors.length !== chunks.length) {
    throw new Error(`model ${model.id}: ${vectors.length} vectors for ${chunks.length} chunks`);
  }
  return chunks.map((chunk, i) => {
    const vector = vectors[i] as Float32Array;
    if (vector.length !== model.dims) {
      throw new Error(
        `model ${model.id}: vector ${i} has ${vector.length} dimensions, expected ${model.dims}`,
      );
    }
    return {
      chunkId: chunk.id,
      docId: chunk.docId,
      generation: chunk.generation,
      key: chunk.key,
      source: chunk.source,
      kind: chunk.kind,
      path: chunk.path,
      fingerprint: model.fingerprint,
      vector: normalized(vector),
    };
  });
}

/** A unit-length copy (a zero vector stays zero and simply never matches). */
export function normalized(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += (vector[i] as number) * (vector[i] as number);
  const out = new Float32Array(vector.length);
  if (sum === 0 || !Number.isFinite(sum)) return out;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] as number) * scale;
  return out;
}

export interface VectorBatch {
  /** USearch keys (the chunk keys), one per row. */
  keys: BigUint64Array;
  /** Row-major, `keys.length * dims` floats. */
  vectors: Float32Array;
}

function keyColumn(batch: RecordBatch): BigUint64Array {
  const column = batch.getChild('key');
  const out = new BigUint64Array(batch.numRows);
  if (!column) return out;
  for (let i = 0; i < batch.numRows; i++) out[i] = BigInt.asUintN(64, column.get(i) as bigint);
  return out;
}

/** Streams a model's vectors (optionally only some keys) in Arrow-sized batches. */
export async function* iterateVectorBatches(
  table: Table,
  dims: number,
  options: { keys?: readonly bigint[] } = {},
): AsyncGenerator<VectorBatch> {
  if (options.keys) {
    for (let i = 0; i < options.keys.length; i += 2000) {
      const where = sqlInList('key', options.keys.slice(i, i + 2000));
      for await (const batch of table.query().where(where).select(['key', 'vector'])) {
        yield { keys: keyColumn(batch), vectors: vectorColumn(batch, 'vector', dims) };
      }
    }
    return;
  }
  for await (const batch of table.query().select(['key', 'vector'])) {
    yield { keys: keyColumn(batch), vectors: vectorColumn(batch, 'vector', dims) };
  }
}

/** Every key in a vectors table (8 bytes a row; 100k rows scan in ~25 ms). */
export async function scanVectorKeys(table: Table): Promise<BigUint64Array> {
  const parts: BigUint64Array[] = [];
  let total = 0;
  for await (const batch of table.query().select(['key'])) {
    const keys = keyColumn(batch);
    parts.push(keys);
    total += keys.length;
  }
  const out = new BigUint64Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
