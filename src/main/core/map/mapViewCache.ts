import fs from 'node:fs';
import path from 'node:path';
import type { MapLayout } from '../../../shared/api/methods/map';
import { decodeWire } from '../../../shared/api/wire';
import { mapCacheDir, writeCacheFile } from '../store/mapCacheFiles';

/**
 * The finished `map.get` answer of a layout, as stored in `index/map/view-<key>.bin` beside the
 * layout it was made from. Switching the map between 2D and 3D or documents and passages reads this
 * one file (coordinates, clusters, hover texts: ~1.5 MB at 10k points) instead of re-reading the
 * library's vectors and texts from LanceDB, so a switch takes milliseconds once the layout is built.
 * It is current while its `dataVersion` is the library's; the background layout job rewrites it after
 * every change. Derived data like every file in index/map: thrown away and rebuilt when unreadable.
 */
export const VIEW_FORMAT = 1;

interface StoredView {
  format: number;
  key: string;
  layout: MapLayout;
}

export function viewFile(indexDir: string, key: string): string {
  return path.join(mapCacheDir(indexDir), `view-${key}.bin`);
}

export function writeView(indexDir: string, key: string, layout: MapLayout): void {
  const view: StoredView = { format: VIEW_FORMAT, key, layout };
  writeCacheFile(viewFile(indexDir, key), view);
}

/**
 * The stored answer for `key`, whatever its data version (the caller compares); null when missing or
 * unreadable. Read without blocking the caller's event loop (the HTTP server's thread).
 */
export async function readView(indexDir: string, key: string): Promise<MapLayout | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(viewFile(indexDir, key));
  } catch {
    return null;
  }
  try {
    const view = decodeWire(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as StoredView;
    return view && view.format === VIEW_FORMAT && view.key === key ? view.layout : null;
  } catch {
    return null;
  }
}

/** True when any answer of this model is stored: the library has been mapped, keep it current. */
export function hasViews(indexDir: string): boolean {
  try {
    return fs.readdirSync(mapCacheDir(indexDir)).some((f) => f.startsWith('view-'));
  } catch {
    return false;
  }
}
