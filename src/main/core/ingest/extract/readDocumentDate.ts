import type { SourceKind } from '../types';
import { epubPackageDate, firstPlausible, odfMetaDate, ooxmlCoreDate, pdfDocumentDate } from './documentDate';
import { exifDateTimeOriginal } from './exifDate';
import { pdfLoadOptions } from './extractPdf';
import { loadPdfjs } from './pdfjsLoader';
import { readWholeFile } from './readSource';
import { openZipDocument, xmlAttr } from './zipArchive';

/**
 * Reads only a document's own date (documentDate.ts), not its text: for the formats with date
 * metadata, from the bytes already in memory (extraction) or from the file (the dates-only pass that
 * fills in dates for documents indexed before dates were stored, without extracting or embedding
 * them again). Undefined when the format has no date or the file carries none that is plausible.
 */

/** The date in a ZIP-based document's metadata part (DOCX, PPTX, XLSX, EPUB, ODT, ODS). Never throws. */
export async function zipDocumentDate(
  buffer: Buffer,
  kind: SourceKind,
  maxUnpackedBytes: number,
): Promise<number | undefined> {
  try {
    const zip = await openZipDocument(buffer, maxUnpackedBytes, kind.toUpperCase());
    if (kind === 'docx' || kind === 'pptx' || kind === 'xlsx') {
      const core = await zip.text('docProps/core.xml');
      return core ? ooxmlCoreDate(core) : undefined;
    }
    if (kind === 'odt' || kind === 'ods') {
      const meta = await zip.text('meta.xml');
      return meta ? odfMetaDate(meta) : undefined;
    }
    if (kind === 'epub') {
      const container = await zip.text('META-INF/container.xml');
      const rootTag = container && /<rootfile\b[^>]*>/i.exec(container)?.[0];
      const opfPath = rootTag ? xmlAttr(rootTag, 'full-path') : zip.names().find((n) => n.endsWith('.opf'));
      const opf = opfPath ? await zip.text(opfPath) : undefined;
      return opf ? epubPackageDate(opf) : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** A PDF's own date from its Info dictionary and XMP packet, without reading any page. Never throws. */
export async function pdfFileDate(data: Uint8Array): Promise<number | undefined> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({ data, ...pdfLoadOptions() });
  try {
    const doc = await task.promise;
    try {
      return pdfDocumentDate(await doc.getMetadata());
    } finally {
      await doc.destroy().catch(() => undefined);
    }
  } catch {
    await task.destroy().catch(() => undefined);
    return undefined;
  }
}

/** When an image (photo, scan) was taken: EXIF DateTimeOriginal, if plausible. Never throws. */
export function imageDate(bytes: Uint8Array): number | undefined {
  return firstPlausible([exifDateTimeOriginal(bytes)]);
}

/** Formats whose files can carry their own date. */
export function kindHasDate(kind: SourceKind): boolean {
  return ['pdf', 'docx', 'pptx', 'xlsx', 'odt', 'ods', 'epub', 'image'].includes(kind);
}

/** The dates-only read of a file: its own date, or undefined (no such metadata, unreadable file). */
export async function readDocumentDate(
  file: { path: string; kind: SourceKind },
  maxFileBytes: number,
): Promise<number | undefined> {
  if (!kindHasDate(file.kind)) return undefined;
  try {
    const { bytes } = await readWholeFile(file.path, maxFileBytes);
    if (file.kind === 'pdf') return pdfFileDate(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    if (file.kind === 'image') return imageDate(bytes);
    return zipDocumentDate(bytes, file.kind, maxFileBytes);
  } catch {
    return undefined;
  }
}
