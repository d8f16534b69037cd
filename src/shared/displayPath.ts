/**
 * File names that are not valid UTF-8 (Latin-1 bytes such as 0xE9 from an old archive) cannot be held
 * in a JavaScript string without loss, yet the library must reopen, re-scan and remove them. Such a path
 * is catalogued as one string that keeps both forms:
 *
 *     <the path decoded lossily, bad bytes as U+FFFD> + "//raw:" + <base64url of the path's exact bytes>
 *
 * - It round-trips: the bytes after the marker are the path, exactly (`core/ingest/bytePaths.ts`).
 * - It is unambiguous: catalogued paths are canonical absolute paths, which never contain "//", so no
 *   real path looks like one; valid UTF-8 paths are stored as they are (nothing changes for them).
 * - It is stable: the same bytes give the same string, so the document id (a hash of the path) and
 *   sync's "is it still there" check work as for any other file.
 * - It sorts and prefix-matches like its folder: "/docs/caf\uFFFD.txt//raw:..." is under "/docs/".
 *
 * Show `displayPath(p)` to people; hand `p` back to the core as is.
 */
export const BYTE_PATH_MARK = '//raw:';

/** Whether a catalogued path carries raw bytes (its name is not valid UTF-8). */
export function isBytePath(p: string): boolean {
  return p.includes(BYTE_PATH_MARK);
}

/** The path as a person should see it: the lossy form (bad bytes shown as U+FFFD). */
export function displayPath(p: string): string {
  const at = p.indexOf(BYTE_PATH_MARK);
  return at < 0 ? p : p.slice(0, at);
}
