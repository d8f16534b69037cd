import { z } from 'zod';
import { method } from '../define';

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
}

export interface DirListing {
  path: string;
  /** null at the file system root. */
  parent: string | null;
  entries: DirEntry[];
  home: string;
}

/**
 * The bytes of an upload, as a stream. The server hands the core the HTTP request body (an async
 * iterable of chunks); a browser passes its `File` (anything Blob-like with `stream()`), which the HTTP
 * transport sends as the raw request body. Never a base64 string: the file is never held in memory.
 */
export type UploadBody = AsyncIterable<Uint8Array> | BlobLike;

/** The part of a DOM `Blob`/`File` (or Node's `Blob`) an upload needs; declared here to stay DOM-free. */
export interface BlobLike {
  readonly size: number;
  stream(): unknown;
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function'
  );
}

export function isBlobLike(value: unknown): value is BlobLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BlobLike).size === 'number' &&
    typeof (value as BlobLike).stream === 'function'
  );
}

/**
 * Largest upload `loci serve` accepts unless `--max-upload-mb` says otherwise: 1 GiB. Uploads stream
 * to disk, so the limit guards the disk and the user's time, not memory. It is 4x the largest file the
 * extractor indexes (256 MB), so no document worth indexing is refused, while a dropped disk image or
 * video is answered with 413 before it fills the disk.
 */
export const defaultMaxUploadBytes = 1024 * 1024 * 1024;

/** Most bytes a file name may have on the file systems Loci runs on (ext4, APFS, NTFS: 255). */
export const maxFileNameBytes = 255;

/** UTF-8 length of a string (a lone surrogate counts as the 3 bytes of U+FFFD, as Node writes it). */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const fileName = z
  .string()
  .min(1)
  .refine((n) => utf8Length(n) <= maxFileNameBytes, `at most ${maxFileNameBytes} bytes`)
  .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'invalid file name');

export const fileMethods = {
  /**
   * Lists a folder on the machine running the core (browser mode's "Add folder" dialog). Starts at the
   * user's home; hidden entries are left out unless asked for.
   */
  'files.list': method<DirListing>()(
    z.object({ path: z.string().max(4096).optional(), showHidden: z.boolean().default(false) }).strict(),
  ),
  /**
   * Stores one uploaded file (browser drag and drop) in an existing folder the user chose (an absolute
   * path, not in /proc, /sys or /dev), which then becomes a source. Streams to a private temp file,
   * never overwrites and never follows a link: a taken name gets " (2)", " (3)"... Over HTTP:
   * `PUT /api/files.upload?targetDir=...&name=...` with the file as the body; over the size limit the
   * answer is 413 `TOO_LARGE`. Resolves to the stored file's path.
   */
  'files.upload': method<{ path: string }>()(
    z
      .object({
        targetDir: z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => !p.includes('\0'), 'must not contain NUL'),
        name: fileName,
        body: z.custom<UploadBody>(
          (v) => isAsyncIterable(v) || isBlobLike(v),
          'the file must be sent as the request body (PUT), not in JSON',
        ),
      })
      .strict(),
  ),
};
