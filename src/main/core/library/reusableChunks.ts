import type { Embedder } from '../embed/types';
import { documentIdForPath } from '../store/chunkIdentity';
import type { DocumentCatalog } from '../store/documentCatalog';
import type { LibraryStore } from '../store/libraryStore';
import { isIndexed, type DocumentRecord } from '../store/storeTypes';
import type { ReusableChunk } from './ingestFiles';

/** Stored documents with the same content are looked for among at most this many (a copy or two). */
const MAX_COPIES = 2;

const byShaCache = new WeakMap<DocumentCatalog, Map<string, DocumentRecord[]>>();

/** Indexed documents by content hash, built once per committed catalog. */
function documentsBySha(catalog: DocumentCatalog): Map<string, DocumentRecord[]> {
  let bySha = byShaCache.get(catalog);
  if (!bySha) {
    bySha = new Map();
    for (const doc of catalog.byId.values()) {
      if (!isIndexed(doc.status) || doc.chunkCount === 0) continue;
      const list = bySha.get(doc.sha256) ?? [];
      list.push(doc);
      bySha.set(doc.sha256, list);
    }
    byShaCache.set(catalog, bySha);
  }
  return bySha;
}

/**
 * Stored chunks whose vectors a file's new chunks may reuse (IngestTarget.reusable): those of the
 * file's own previous version (an edited document keeps most of its passages) and of one or two
 * stored documents with the same sha256 (the same file at another path), for every model of
 * `embedders` whose fingerprint the library holds. Costs one chunk query and one vector query per
 * model and matching document; nothing for a file the library has never seen in any form.
 *
 * A passage shared with a different stored document (boilerplate of an earlier job) is found by
 * storedTextVectors.ts instead.
 */
export async function reusableChunks(
  store: LibraryStore,
  embedders: readonly Embedder[],
  filePath: string,
  sha256: string,
): Promise<ReusableChunk[]> {
  const catalog = await store.catalog();
  const own = catalog.byId.get(documentIdForPath(filePath));
  const docs = [
    ...(own && isIndexed(own.status) && own.chunkCount > 0 && own.sha256 !== sha256 ? [own] : []),
    ...(documentsBySha(catalog).get(sha256) ?? []).slice(0, MAX_COPIES),
  ];
  if (docs.length === 0) return [];
  const stored = new Map((await store.listModels()).map((m) => [m.id, m]));
  const models = embedders.map((e) => e.info).filter((m) => stored.get(m.id)?.fingerprint === m.fingerprint);
  const out: ReusableChunk[] = [];
  for (const doc of docs) {
    const chunks = await store.getChunks(doc.id);
    if (chunks.length === 0) continue;
    for (const model of models) {
      const vectors = await store.vectorsByKeys(
        model.id,
        chunks.map((c) => c.key),
      );
      for (const chunk of chunks) {
        const vector = vectors.get(chunk.key);
        if (vector) out.push({ fingerprint: model.fingerprint, text: chunk.text, vector });
      }
    }
  }
  return out;
}
