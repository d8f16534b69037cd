import { decodeEntities } from './htmlEntities';
import { SectionedTextBuilder, type SectionedText } from './sectionedText';

/**
 * A small, tolerant HTML-to-text converter: visible text only, headings tracked as sections, no DOM, no
 * I/O (nothing is fetched, no script runs). It scans tags linearly, so malformed markup (unclosed tags,
 * stray `<`) degrades to slightly different whitespace, never to an error or a hang.
 */

/** Elements whose content is never visible text (or is code). Skipped up to their closing tag. */
const RAW_SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'svg',
  'iframe',
  'object',
  'canvas',
]);
/** Elements that end the current line before and after. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'body',
  'html',
  'head',
  'legend',
]);
/** Elements separated from what follows by a blank line. */
const PARAGRAPH = new Set(['p', 'pre', 'hr', 'blockquote', 'table', 'ul', 'ol', 'dl', 'figure']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)/y;

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: string;
  /** Index just after the tag's `>`. */
  end: number;
}

/** Converts an HTML document to text with heading sections; title from `<title>`, else the first heading. */
export function htmlToText(html: string, maxChars: number): SectionedText {
  const out = new SectionedTextBuilder(maxChars);
  let title: string | undefined;
  let heading: { level: number; text: string } | undefined;
  let preDepth = 0;
  /** Name and nesting depth of a hidden subtree being skipped. */
  let hidden: { name: string; depth: number } | undefined;
  const n = html.length;
  let i = 0;

  const emitText = (raw: string): void => {
    if (hidden || raw.length === 0) return;
    const text = decodeEntities(raw);
    if (heading) heading.text += text;
    else if (preDepth > 0) out.appendRaw(text.replace(/\r\n?/g, '\n'));
    else out.appendInline(text);
  };

  while (i < n && !out.full) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      emitText(html.slice(i));
      break;
    }
    emitText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      emitText(html.slice(lt + 9, end === -1 ? n : end));
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      emitText('<');
      i = lt + 1;
      continue;
    }
    i = tag.end;
    const { name } = tag;

    if (hidden) {
      if (name === hidden.name && !VOID.has(name) && !tag.selfClosing) hidden.depth += tag.closing ? -1 : 1;
      if (hidden.depth === 0) hidden = undefined;
      continue;
    }
    if (!tag.closing && (RAW_SKIP.has(name) || name === 'title')) {
      const close = findClosing(html, i, name);
      if (name === 'title' && title === undefined) {
        title = decodeEntities(html.slice(i, close.start)).replace(/\s+/g, ' ').trim() || undefined;
      }
      i = close.end;
      continue;
    }
    if (!tag.closing && !tag.selfClosing && !VOID.has(name) && isHiddenElement(tag.attrs)) {
      hidden = { name, depth: 1 };
      continue;
    }
    const level = /^h([1-6])$/.exec(name)?.[1];
    if (level) {
      if (!tag.closing) heading = { level: Number(level), text: '' };
      else if (heading) {
        out.heading(heading.level, heading.text);
        heading = undefined;
      }
      continue;
    }
    if (heading) continue; // markup inside a heading (links, spans) only contributes its text
    if (name === 'br') out.newline(1);
    else if (name === 'pre') {
      preDepth = Math.max(0, preDepth + (tag.closing ? -1 : 1));
      out.newline(2);
    } else if (name === 'td' || name === 'th') out.appendInline(' ');
    else if (PARAGRAPH.has(name)) out.newline(2);
    else if (BLOCK.has(name)) out.newline(1);
  }
  if (heading) out.heading(heading.level, heading.text);
  return out.finish(title);
}

/** Reads a tag starting at `lt`, honouring quoted attribute values that contain `>`. */
function readTag(html: string, lt: number): Tag | undefined {
  TAG.lastIndex = lt;
  const m = TAG.exec(html);
  if (!m) return undefined;
  let j = TAG.lastIndex;
  let quote = '';
  while (j < html.length) {
    const c = html[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') break;
    j++;
  }
  const attrs = html.slice(TAG.lastIndex, j);
  return {
    name: m[2]!.toLowerCase(),
    closing: m[1] === '/',
    selfClosing: attrs.endsWith('/'),
    attrs,
    end: Math.min(j + 1, html.length),
  };
}

/** Finds `</name` (any case) from `from`; a missing close tag swallows the rest, as browsers do. */
function findClosing(html: string, from: number, name: string): { start: number; end: number } {
  const re = new RegExp(`</${name}\\s*>`, 'ig');
  re.lastIndex = from;
  const m = re.exec(html);
  if (!m) return { start: html.length, end: html.length };
  return { start: m.index, end: m.index + m[0].length };
}

function isHiddenElement(attrs: string): boolean {
  if (!attrs) return false;
  return (
    /(^|\s)hidden(\s|=|\/|$)/i.test(attrs) ||
    /aria-hidden\s*=\s*["']?true/i.test(attrs) ||
    /style\s*=\s*["'][^"']*display\s*:\s*none/i.test(attrs)
  );
}

/**
 * The charset an HTML file declares in its first 1,024 bytes (`<meta charset>` or the http-equiv form),
 * for files that are not valid UTF-8.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head)?.[1];
}
