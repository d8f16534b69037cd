import path from 'node:path';
import type { SourceKind } from './types';

/**
 * File extensions Loci extracts, by kind.
 *
 * Decisions (keep in sync with the user-facing docs):
 * - `text` covers prose formats whose markup is light enough to embed as is: `.txt`, `.text`, `.rst`
 *   (reStructuredText), `.adoc`/`.asciidoc`, `.org`.
 * - `.csv`/`.tsv`, `.log`, `.json`, `.xml`, source code and `.tex` are NOT extracted: their "sentences" are
 *   rows, records or markup, which sentence-aware chunking and a sentence-embedding model handle badly.
 *   They are reported as `unsupported-kind`, so a user can see they were seen and left out.
 * - Images (`.png`, `.jpg`/`.jpeg`, `.tif`/`.tiff`, multi-page TIFF included) are read by OCR.
 * - Workbooks (`.xlsx`, `.xlsm` whose macros are never read, `.ods`) are text tables, a sheet per page;
 *   legacy `.xls` has no extractor.
 * - Legacy `.doc`, `.rtf` have no extractor.
 */
const KIND_BY_EXTENSION: ReadonlyMap<string, SourceKind> = new Map([
  ['.pdf', 'pdf'],
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.rst', 'text'],
  ['.adoc', 'text'],
  ['.asciidoc', 'text'],
  ['.org', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.mdown', 'markdown'],
  ['.mkd', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html'],
  ['.docx', 'docx'],
  ['.epub', 'epub'],
  ['.odt', 'odt'],
  ['.pptx', 'pptx'],
  ['.xlsx', 'xlsx'],
  ['.xlsm', 'xlsx'],
  ['.ods', 'ods'],
  ['.png', 'image'],
  ['.jpg', 'image'],
  ['.jpeg', 'image'],
  ['.tif', 'image'],
  ['.tiff', 'image'],
]);

/** Every extension (with dot, lower case) that `kindOfPath` recognises. */
export const SUPPORTED_EXTENSIONS: readonly string[] = [...KIND_BY_EXTENSION.keys()];

/** The extractor kind for a file name, by extension (case-insensitive), or undefined if unsupported. */
export function kindOfPath(filePath: string): SourceKind | undefined {
  return KIND_BY_EXTENSION.get(path.extname(filePath).toLowerCase());
}

/**
 * Folder names never descended into, even when not hidden: version-control and dependency folders hold
 * thousands of files that are not the user's documents.
 */
export const IGNORED_FOLDER_NAMES: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
]);

/** Dot-names (`.cache`, `.DS_Store`) are hidden on every platform Loci runs on. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}
