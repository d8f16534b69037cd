import { LibraryDamagedError } from './storeErrors';

/**
 * Tells storage damage apart from other failures, in one place. LanceDB reports a truncated data file
 * as `LanceError(IO): … failed to fill whole buffer`, a deleted one as `Not found: …/data/x.lance`, an
 * overwritten manifest as `file size is too small` or `Encountered corrupt file … magic number does not
 * match`, and a damaged protobuf as a decode error. None of those is something a user can act on, so
 * every face shows LibraryDamagedError ("run `loci doctor --repair`") instead.
 *
 * A full disk or a permission problem is an IO error too but not damage: those pass through as they are.
 */
const DAMAGE_PATTERNS: readonly RegExp[] = [
  /failed to fill whole buffer/i,
  /file size is too small/i,
  /encountered corrupt file/i,
  /magic number does not match/i,
  /unexpected end of file/i,
  /invalid (?:protobuf|format|manifest)/i,
  /failed to decode|decode error|DecodeError/i,
  /Not found: \S*\.lance\//i,
  /LanceError\(IO\)/,
  /LanceError\(Corrupt/i,
  /corrupt(?:ed)? (?:file|data|manifest|page)/i,
];

const NOT_DAMAGE: readonly RegExp[] = [
  /no space left/i,
  /permission denied/i,
  /quota exceeded/i,
  /read-only file system/i,
];

function messageOf(err: unknown): string {
  if (err instanceof Error) return `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}`;
  return String(err);
}

/** True when an error from LanceDB means a library file is damaged. */
export function isDamageError(err: unknown): boolean {
  if (err instanceof LibraryDamagedError) return true;
  const message = messageOf(err);
  if (NOT_DAMAGE.some((p) => p.test(message))) return false;
  return DAMAGE_PATTERNS.some((p) => p.test(message));
}

/** The table a LanceDB error names (`…/chunks.lance/data/…` → `chunks`), if any. */
export function damagedTableIn(err: unknown): string | null {
  const match = /([A-Za-z0-9_]+)\.lance\//.exec(messageOf(err));
  return match?.[1] ?? null;
}

/** A short, path-free account of what is wrong, e.g. "a data file of the chunks table is truncated". */
export function describeDamage(err: unknown, knownTable?: string): string {
  const message = messageOf(err);
  const table = knownTable ?? damagedTableIn(err);
  const where = table ? `the ${table} table` : 'a table';
  if (/failed to fill whole buffer|unexpected end of file/i.test(message))
    return `a data file of ${where} is truncated`;
  if (/Not found: \S*\.lance\//i.test(message)) return `a data file of ${where} is missing`;
  if (/file size is too small|corrupt|magic number|decode|invalid/i.test(message))
    return `a version manifest of ${where} is unreadable`;
  return `${where} cannot be read`;
}

/** The error to show for `err`: LibraryDamagedError when it is damage, else null. */
export function asLibraryDamage(err: unknown): LibraryDamagedError | null {
  if (err instanceof LibraryDamagedError) return err;
  return isDamageError(err) ? new LibraryDamagedError(describeDamage(err)) : null;
}
