import { useSyncExternalStore } from 'react';

/**
 * "Search within these": a set of documents that Search is limited to until the user clears it,
 * set by another screen (the map's selection) before it switches to Search. Kept in memory, not in
 * the URL: a selection of thousands of documents does not fit an address.
 */
export interface SearchScope {
  /** What the documents are, for the chip: "12 documents selected on the map". */
  label: string;
  docIds: string[];
}

let scope: SearchScope | null = null;
const listeners = new Set<() => void>();

export function setSearchScope(next: SearchScope | null): void {
  scope = next && next.docIds.length > 0 ? next : null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current scope (null: the whole library); re-renders when it changes. */
export function useSearchScope(): SearchScope | null {
  return useSyncExternalStore(subscribe, () => scope);
}
