import { htmlToText } from './htmlToText';
import { SourceReadError } from './readSource';
import type { SectionedText } from './sectionedText';
import { openZipDocument, resolveInZip, unescapeXml, xmlAttr } from './zipArchive';

/**
 * EPUB (2 and 3): the chapters in reading order (the OPF spine), as one page whose sections follow the
 * chapters' own headings (`<h1>`..`<h6>` through the HTML converter), like DOCX. The title is the
 * package's `dc:title`. Scripts, styles and images carry no text and are dropped by the converter;
 * nothing referenced outside the archive is opened.
 */
export async function extractEpub(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<SectionedText> {
  const zip = await openZipDocument(buffer, maxUnpackedBytes, 'EPUB');
  const container = await zip.text('META-INF/container.xml');
  const rootTag = container && /<rootfile\b[^>]*>/i.exec(container)?.[0];
  const opfPath = rootTag ? xmlAttr(rootTag, 'full-path') : zip.names().find((n) => n.endsWith('.opf'));
  const opf = opfPath ? await zip.text(opfPath) : undefined;
  if (!opfPath || !opf) throw new SourceReadError('EPUB without a package document (content.opf)');

  const manifest = new Map<string, string>();
  for (const tag of opf.match(/<(?:\w+:)?item\b[^>]*>/gi) ?? []) {
    const id = xmlAttr(tag, 'id');
    const href = xmlAttr(tag, 'href');
    if (id && href) manifest.set(id, resolveInZip(opfPath, href));
  }
  const spine = (opf.match(/<(?:\w+:)?itemref\b[^>]*>/gi) ?? [])
    .map((tag) => manifest.get(xmlAttr(tag, 'idref') ?? ''))
    .filter((p): p is string => p !== undefined);

  const bodies: string[] = [];
  let length = 0;
  for (const entry of spine) {
    // Each chapter's HTML is bounded by the unpacked-size check; stop once far past the character cap.
    if (length > maxChars * 4) break;
    const html = await zip.text(entry);
    if (!html) continue;
    const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    bodies.push(`<div>${body}</div>`);
    length += body.length;
  }
  const result = htmlToText(`<html><body>${bodies.join('\n')}</body></html>`, maxChars);
  const dcTitle = /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/i.exec(opf)?.[1];
  const title = dcTitle
    ? unescapeXml(dcTitle.replace(/<[^>]*>/g, ''))
        .replace(/\s+/g, ' ')
        .trim()
    : '';
  return title ? { ...result, title } : result;
}
