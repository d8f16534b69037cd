import { decodeEntities } from './htmlEntities';
import { SectionedTextBuilder, type SectionedText } from './sectionedText';

/**
 * Markdown to plain text with heading sections. Not a full CommonMark parser: it recognises the block
 * structure that matters for search (ATX and Setext headings, fenced code, front matter, lists, quotes,
 * tables, rules) and strips inline markup (emphasis, links, images, code spans, inline HTML), keeping the
 * words a reader sees. Line-based, so it is linear in the input and cannot hang on odd markup.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_MARKER = /^(\s*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

/** Converts Markdown to text; title from front matter `title:`, else the first heading. */
export function markdownToText(markdown: string, maxChars: number): SectionedText {
  const out = new SectionedTextBuilder(maxChars);
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  let i = 0;
  let title: string | undefined;

  if (lines[0] === '---') {
    const close = lines.findIndex((l, k) => k > 0 && k < 200 && (l === '---' || l === '...'));
    if (close > 0) {
      for (const l of lines.slice(1, close)) {
        const m = /^title:\s*(.+?)\s*$/i.exec(l);
        if (m) title = m[1]!.replace(/^(["'])(.*)\1$/, '$2');
      }
      i = close + 1;
    }
  }

  let fence: string | undefined;
  let inComment = false;
  for (; i < lines.length && !out.full; i++) {
    let line = lines[i]!;
    if (fence) {
      if (line.trimStart().startsWith(fence)) {
        fence = undefined;
        out.newline(2);
      } else {
        out.appendRaw(line);
        out.newline(1);
      }
      continue;
    }
    if (inComment) {
      const end = line.indexOf('-->');
      if (end === -1) continue;
      inComment = false;
      line = line.slice(end + 3);
    }
    line = line.replace(/<!--.*?-->/g, '');
    const open = line.indexOf('<!--');
    if (open !== -1) {
      inComment = true;
      line = line.slice(0, open);
    }
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = fenceMatch[1]!.slice(0, 3);
      out.newline(2);
      continue;
    }
    while (QUOTE.test(line)) line = line.replace(QUOTE, '');
    if (line.trim() === '') {
      out.newline(2);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      out.heading(atx[1]!.length, inlineText(atx[2] ?? ''));
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && SETEXT.test(next) && !LIST_MARKER.test(line) && !RULE.test(line)) {
      out.heading(next.trim().startsWith('=') ? 1 : 2, inlineText(line));
      i++;
      continue;
    }
    if (RULE.test(line) || LINK_DEFINITION.test(line) || TABLE_SEPARATOR.test(line)) {
      out.newline(2);
      continue;
    }
    let text = line.replace(LIST_MARKER, '$1').trim();
    if (text.includes('|') && /^\|.*\|$/.test(text))
      text = text
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim())
        .join('  ');
    out.appendRaw(inlineText(text));
    out.newline(1);
  }
  const result = out.finish(title);
  return result;
}

/** Strips inline Markdown, keeping the visible words. */
export function inlineText(text: string): string {
  return decodeEntities(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      .replace(/(`+)(.+?)\1/g, '$2')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
      .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
  );
}
