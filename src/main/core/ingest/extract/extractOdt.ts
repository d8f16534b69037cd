import { htmlToText } from './htmlToText';
import { SourceReadError } from './readSource';
import type { SectionedText } from './sectionedText';
import { escapeHtml, openZipDocument, unescapeXml, xmlAttr } from './zipArchive';

/**
 * ODT (OpenDocument text): `content.xml` rewritten as the small HTML the converter understands, so
 * headings (`text:h` with their outline level) become sections as in DOCX and HTML. Paragraphs, list
 * items and table cells are blocks; `text:s`/`text:tab`/`text:line-break` keep their spacing. Tracked
 * deletions, annotations and frame alternatives carry no document text and are skipped. The title is
 * `dc:title` from `meta.xml`, else the first heading.
 */
export async function extractOdt(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<SectionedText> {
  const zip = await openZipDocument(buffer, maxUnpackedBytes, 'ODT');
  const content = await zip.text('content.xml');
  if (!content) throw new SourceReadError('ODT without content.xml');
  const result = htmlToText(odfToHtml(content), maxChars);
  const meta = await zip.text('meta.xml');
  const dcTitle = meta && /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/i.exec(meta)?.[1];
  const title = dcTitle ? unescapeXml(dcTitle).replace(/\s+/g, ' ').trim() : '';
  return title ? { ...result, title } : result;
}

const SKIPPED = new Set(['text:tracked-changes', 'office:annotation', 'text:note-citation', 'draw:image']);
const BLOCKS = new Set(['text:p', 'table:table-cell', 'text:list-item']);

/** Rewrites ODF text XML as HTML: headings to `<hN>`, blocks to `<p>`, spacing elements to text. */
export function odfToHtml(xml: string): string {
  const body = /<office:body\b[^>]*>([\s\S]*)<\/office:body>/.exec(xml)?.[1] ?? xml;
  const out: string[] = [];
  const open: string[] = [];
  let skipDepth = 0;
  const re = /<(\/?)([\w.-]+:[\w.-]+)([^>]*?)(\/?)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const [, closing, name, attrs = '', selfClosing, text] = m;
    if (text !== undefined) {
      if (skipDepth === 0) out.push(escapeHtml(unescapeXml(text)));
      continue;
    }
    if (SKIPPED.has(name!)) {
      if (!selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    if (name === 'text:s') out.push(' '.repeat(Math.min(100, Number(xmlAttr(attrs, 'text:c') ?? 1) || 1)));
    else if (name === 'text:tab') out.push('\t');
    else if (name === 'text:line-break') out.push('<br>');
    else if (name === 'text:h') {
      if (closing) out.push(`</${open.pop() ?? 'h1'}>`);
      else if (!selfClosing) {
        const level = Math.min(6, Math.max(1, Number(xmlAttr(attrs, 'text:outline-level') ?? 1) || 1));
        open.push(`h${level}`);
        out.push(`<h${level}>`);
      }
    } else if (BLOCKS.has(name!) && !selfClosing) out.push(closing ? '</p>' : '<p>');
  }
  return `<html><body>${out.join('')}</body></html>`;
}
