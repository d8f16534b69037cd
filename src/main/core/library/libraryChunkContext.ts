import { CHUNK_CONTEXTS, type ChunkContext } from '../ingest/embeddedText';
import type { LibraryStore } from '../store/libraryStore';

/**
 * The context new chunks of a new library are embedded with (embeddedText.ts). Chosen on Cranfield and
 * the known-item set (`loci eval`); see the README of eval/.
 */
export const DEFAULT_CHUNK_CONTEXT: ChunkContext = 'none';

/**
 * The chunk context this library embeds with, recorded in its data so vectors made with and without
 * a prefix are never mixed. A library without the record is either new (it takes `forNew`, or the
 * default) or older than the setting (it keeps `none`, its vectors' recipe, until it is re-embedded).
 * A writer store records the choice; a read-only one only reports it.
 */
export async function libraryChunkContext(
  store: LibraryStore,
  forNew: ChunkContext = DEFAULT_CHUNK_CONTEXT,
): Promise<ChunkContext> {
  const recorded = await store.chunkContext();
  if (recorded !== null)
    // An unknown value (written by a newer version) is never overwritten.
    return (CHUNK_CONTEXTS as readonly string[]).includes(recorded) ? (recorded as ChunkContext) : 'none';
  const empty = (await store.counts()).chunks === 0 && (await store.listModels()).length === 0;
  const context: ChunkContext = empty ? forNew : 'none';
  if (!store.readonly) await store.setChunkContext(context);
  return context;
}
