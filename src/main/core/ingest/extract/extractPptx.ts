import type { ExtractedPage } from '../types';
import { cutAt } from './decodeText';
import { htmlToText } from './htmlToText';
import { SourceReadError } from './readSource';
import {
  escapeHtml,
  openZipDocument,
  unescapeXml,
  xmlAttr,
  zipRelations,
  type ZipDocument,
} from './zipArchive';

export interface PptxExtraction {
  title?: string;
  /** One page per slide, in presentation order; the slide title is the page's top heading. */
  pages: ExtractedPage[];
  chars: number;
  truncated: boolean;
}

/**
 * PPTX: a slide is a page. Its title placeholder becomes the page's heading (section), the other
 * shapes' paragraphs (text boxes, tables) follow, and the speaker notes come last under a "Speaker
 * notes" sub-heading, so a search can land on what was said as well as what was shown. Slide order is
 * the presentation's (`p:sldIdLst`), not the file names'.
 */
export async function extractPptx(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<PptxExtraction> {
  const zip = await openZipDocument(buffer, maxUnpackedBytes, 'PPTX');
  const slides = await slideOrder(zip);
  if (slides.length === 0) throw new SourceReadError('PPTX without slides');
  const pages: ExtractedPage[] = [];
  let chars = 0;
  let truncated = false;
  let title: string | undefined;
  for (const [i, slidePath] of slides.entries()) {
    if (truncated) break;
    const xml = (await zip.text(slidePath)) ?? '';
    const slide = readShapes(xml, false);
    const notesPath = await relationTarget(zip, slidePath, /\/notesSlide$/);
    const notes = notesPath ? readShapes((await zip.text(notesPath)) ?? '', true).body : [];
    const html =
      (slide.title ? `<h1>${escapeHtml(slide.title)}</h1>` : '') +
      slide.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
      (notes.length ? `<h2>Speaker notes</h2>${notes.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}` : '');
    const converted = htmlToText(`<html><body>${html}</body></html>`, Number.MAX_SAFE_INTEGER);
    title ??= slide.title;
    let text = converted.text;
    if (chars + text.length > maxChars) {
      text = cutAt(text, maxChars - chars);
      truncated = true;
    }
    chars += text.length;
    const page: ExtractedPage = { page: i + 1, text };
    const sections = converted.sections
      .filter((s) => s.start < text.length)
      .map((s) => ({ ...s, end: Math.min(s.end, text.length) }));
    if (sections.length > 0) page.sections = sections;
    pages.push(page);
  }
  return { ...(title ? { title } : {}), pages, chars, truncated };
}

/** Slide entries in presentation order (`p:sldId` -> relationship -> `ppt/slides/slideN.xml`). */
async function slideOrder(zip: ZipDocument): Promise<string[]> {
  const presentation = (await zip.text('ppt/presentation.xml')) ?? '';
  const rels = await zipRelations(zip, 'ppt/presentation.xml');
  const ordered = (presentation.match(/<p:sldId\b[^>]*>/g) ?? [])
    .map((tag) => rels.get(xmlAttr(tag, 'r:id') ?? '')?.target)
    .filter((p): p is string => p !== undefined && zip.has(p));
  if (ordered.length > 0) return ordered;
  const num = (n: string): number => Number(/(\d+)\.xml$/.exec(n)?.[1] ?? 0);
  return zip
    .names()
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
}

async function relationTarget(zip: ZipDocument, entry: string, type: RegExp): Promise<string | undefined> {
  for (const rel of (await zipRelations(zip, entry)).values()) if (type.test(rel.type)) return rel.target;
  return undefined;
}

/**
 * Text of a slide's shapes: the title placeholder's text, and every other shape's paragraphs. In a
 * notes slide only the body placeholder counts (the others hold the slide image and number).
 */
function readShapes(xml: string, notes: boolean): { title?: string; body: string[] } {
  const body: string[] = [];
  let title: string | undefined;
  for (const shape of xml.match(/<p:(?:sp|graphicFrame)\b[\s\S]*?<\/p:(?:sp|graphicFrame)>/g) ?? []) {
    const placeholder = /<p:ph\b[^>]*>/.exec(shape)?.[0];
    const type = placeholder ? (xmlAttr(placeholder, 'type') ?? 'body') : undefined;
    if (notes && type !== 'body') continue;
    const paragraphs = (shape.match(/<a:p>[\s\S]*?<\/a:p>|<a:p\b[^>]*>[\s\S]*?<\/a:p>/g) ?? [])
      .map((p) =>
        (p.match(/<a:t>[^<]*<\/a:t>|<a:t\b[^>]*>[^<]*<\/a:t>|<a:br\b[^>]*\/>/g) ?? [])
          .map((t) => (t.startsWith('<a:br') ? '\n' : unescapeXml(t.replace(/<[^>]*>/g, ''))))
          .join(''),
      )
      .filter((p) => p.trim() !== '');
    if (!notes && (type === 'title' || type === 'ctrTitle') && title === undefined)
      title = paragraphs.join(' ').replace(/\s+/g, ' ').trim();
    else body.push(...paragraphs);
  }
  return { ...(title ? { title } : {}), body };
}
