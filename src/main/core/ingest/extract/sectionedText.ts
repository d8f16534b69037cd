import type { PageSection } from '../types';

/** Text with heading structure, as Markdown, HTML and DOCX extraction produce it. */
export interface SectionedText {
  title?: string;
  text: string;
  sections: PageSection[];
  truncated: boolean;
}

/**
 * Builds one page of text while tracking the heading path, so each section's span of the final text
 * carries its headings. Used by the Markdown and HTML converters (DOCX goes through HTML).
 *
 * Headings are part of the text too (a heading is content a user searches for); a heading starts the
 * section it names. Skipped levels are fine: an h3 under an h1 has path [h1, h3].
 *
 * Text is kept as a list of parts and the tail state (trailing newlines, pending spaces) is tracked
 * separately: inspecting the end of one growing string would flatten it on every call (quadratic on
 * big documents).
 */
export class SectionedTextBuilder {
  private readonly parts: string[] = [];
  private committed = 0;
  private tailNewlines = 0;
  private pendingSpace = '';
  private readonly sections: PageSection[] = [];
  private readonly stack: { level: number; title: string }[] = [];
  private sectionStart = 0;
  private firstHeading: string | undefined;

  constructor(private readonly maxChars: number) {}

  /** Appends text as is; trailing spaces are held back so a following line break can drop them. */
  appendRaw(text: string): void {
    const body = text.replace(/[ \t]+$/, '');
    if (body.length === 0) {
      if (this.committed > 0) this.pendingSpace += text;
      return;
    }
    this.commit(this.pendingSpace + body);
    this.pendingSpace = text.slice(body.length);
  }

  /** Appends HTML-style inline text: whitespace runs collapse to one space, none at line starts. */
  appendInline(text: string): void {
    const collapsed = text.replace(/\s+/g, ' ');
    if (collapsed === ' ') {
      if (this.committed > 0 && this.tailNewlines === 0) this.pendingSpace = ' ';
      return;
    }
    let body = collapsed;
    if (body.startsWith(' ')) {
      body = body.slice(1);
      if (this.committed > 0 && this.tailNewlines === 0) this.pendingSpace = ' ';
    }
    const trailing = body.endsWith(' ');
    if (trailing) body = body.slice(0, -1);
    if (this.tailNewlines > 0 || this.committed === 0) this.pendingSpace = '';
    if (body.length > 0) {
      this.commit(this.pendingSpace + body);
      this.pendingSpace = '';
    }
    if (trailing) this.pendingSpace = ' ';
  }

  /** Ends the current line (count 2: leaves a blank line); never at the very start of the text. */
  newline(count: 1 | 2 = 1): void {
    this.pendingSpace = '';
    if (this.committed === 0) return;
    if (this.tailNewlines < count) this.commit('\n'.repeat(count - this.tailNewlines));
  }

  /** Starts a section under a heading of the given level (1 = top), appending the heading's text. */
  heading(level: number, rawTitle: string): void {
    const title = rawTitle.replace(/\s+/g, ' ').trim();
    if (!title) return;
    this.newline(2);
    this.closeSection();
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, title });
    this.firstHeading ??= title;
    this.commit(title);
    this.newline(2);
  }

  /** True once the character cap is reached; converters stop reading input then. */
  get full(): boolean {
    return this.committed >= this.maxChars;
  }

  /** First heading seen: a fallback title. */
  get firstHeadingText(): string | undefined {
    return this.firstHeading;
  }

  /** Finishes: caps and trims the text, returns it with its non-empty sections. */
  finish(title?: string): SectionedText {
    this.closeSection();
    let text = this.parts.join('');
    let truncated = false;
    if (text.length > this.maxChars) {
      text = text.slice(0, this.maxChars);
      truncated = true;
    }
    text = text.trimEnd();
    const sections = this.sections
      .map((s) => trimSpan(text, { ...s, end: Math.min(s.end, text.length) }))
      .filter((s) => s.end > s.start);
    const result: SectionedText = { text, sections, truncated };
    const chosen = title ?? this.firstHeading;
    if (chosen) result.title = chosen;
    return result;
  }

  private commit(text: string): void {
    if (text.length === 0 || this.full) return;
    this.parts.push(text);
    this.committed += text.length;
    let n = 0;
    while (n < text.length && text.charCodeAt(text.length - 1 - n) === 10) n++;
    this.tailNewlines = n === text.length ? this.tailNewlines + n : n;
  }

  private closeSection(): void {
    const end = this.committed;
    if (end > this.sectionStart) {
      this.sections.push({ start: this.sectionStart, end, headingPath: this.stack.map((h) => h.title) });
    }
    this.sectionStart = end;
  }
}

/** Shrinks a span so it neither starts nor ends in whitespace. */
function trimSpan(text: string, s: PageSection): PageSection {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, headingPath: s.headingPath };
}
