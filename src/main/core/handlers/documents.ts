import fs from 'node:fs/promises';
import { LociError } from '../../../shared/api/errors';
import { displayPath } from '../../../shared/displayPath';
import { fsPath, pathFromBytes } from '../ingest/bytePaths';
import type { SystemOpener } from '../files/systemOpener';
import type { DocumentPagesReader } from '../library/documentPages';
import type { LibraryService } from '../library/libraryService';
import { toDocumentSummary } from '../library/librarySummaries';
import type { DomainHandlers } from './types';

/** Largest file `document.bytes` hands to the viewer. */
const maxViewerBytes = 512 * 1024 * 1024;

/**
 * `document.*`: reading and opening documents. Every path comes from the library's own catalog
 * (looked up by id), never from the caller, so nothing outside the library can be read or opened.
 */
export function documentHandlers(
  library: LibraryService,
  opener: SystemOpener,
  pages: DocumentPagesReader,
): DomainHandlers<
  'document.get' | 'document.pages' | 'document.bytes' | 'document.openExternal' | 'document.reveal'
> {
  async function existingFile(id: string): Promise<string> {
    const doc = await library.document(id);
    const shown = displayPath(doc.path);
    const stat = await fs.stat(fsPath(doc.path)).catch(() => null);
    if (!stat?.isFile()) throw new LociError('NOT_FOUND', `${shown} is no longer there (moved or deleted?)`);
    // Catalogued paths are real paths (the walk resolves links). If the file has since been replaced
    // by a link, or a folder above it by one, it may now point anywhere: refuse until a sync re-reads it.
    const real = await fs.realpath(fsPath(doc.path), { encoding: 'buffer' }).catch(() => null);
    if (!real || pathFromBytes(real) !== doc.path)
      throw new LociError(
        'FORBIDDEN',
        `${shown} has been replaced by a link since it was indexed; sync the library before opening it.`,
      );
    return doc.path;
  }
  return {
    'document.get': async ({ id }) => toDocumentSummary(await library.document(id)),
    'document.pages': async ({ id }) => {
      const doc = await library.document(id);
      return { document: toDocumentSummary(doc), pages: await pages.read(doc) };
    },
    'document.bytes': async ({ id }) => {
      const file = await existingFile(id);
      const stat = await fs.stat(fsPath(file));
      if (stat.size > maxViewerBytes)
        throw new LociError('INVALID_INPUT', `${displayPath(file)} is too large for the viewer`);
      return new Uint8Array(await fs.readFile(fsPath(file)));
    },
    'document.openExternal': async ({ id }) => {
      await opener.openPath(await existingFile(id));
      return { opened: true };
    },
    'document.reveal': async ({ id }) => {
      await opener.showInFolder(await existingFile(id));
      return { revealed: true };
    },
  };
}
