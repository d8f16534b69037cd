import { LibraryStore } from '../store/libraryStore';

/** One read-only store per library for a worker's lifetime (no lock; sees every commit). */
const stores = new Map<string, Promise<LibraryStore>>();

/** The worker's read-only store of a library, opened once. */
export function workerStore(libraryDir: string): Promise<LibraryStore> {
  let opening = stores.get(libraryDir);
  if (!opening) {
    opening = LibraryStore.open(libraryDir, { readonly: true });
    stores.set(libraryDir, opening);
    opening.catch(() => stores.delete(libraryDir));
  }
  return opening;
}
