/**
 * Sentence segmentation and a cheap token estimate, both over character offsets of a page's text (so
 * chunks built from these spans can be sliced out of the page exactly).
 */

/** A trimmed `[start, end)` span of a text. */
export interface Span {
  start: number;
  end: number;
}

/** Abbreviations whose trailing period does not end a sentence (compared in lower case). */
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'cf',
  'vs',
  'viz',
  'al',
  'approx',
  'ca',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'fig',
  'figs',
  'eq',
  'eqs',
  'ref',
  'refs',
  'no',
  'nos',
  'vol',
  'vols',
  'pp',
  'p',
  'ch',
  'sec',
  'secs',
  'art',
  'ed',
  'eds',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'univ',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'z.b',
  'd.h',
  'u.a',
  'bzw',
  'ggf',
  'usw',
  'vgl',
  'resp',
]);

/** Sentence-final punctuation with trailing quotes/brackets, then whitespace; or CJK full stops; or a blank line. */
const BOUNDARY =
  /([.!?\u2026]+)["'\u201d\u2019\u00bb)\]]*(?=\s)|[\u3002\uff01\uff1f]+["'\u201d\u2019\u300d\u300f)]*|\n[ \t]*\n/g;

/**
 * Splits `text[from, to)` into sentence spans (trimmed, non-empty, in order, covering every
 * non-whitespace character). Periods after known abbreviations, initials ("J. Smith") and short words
 * followed by a lower-case word or digit do not end a sentence; blank lines always do.
 */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  BOUNDARY.lastIndex = from;
  for (let m = BOUNDARY.exec(text); m && m.index < to; m = BOUNDARY.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    if (m[1] === '.' && !endsSentence(text, m.index, end)) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, to, spans);
  return spans;
}

function endsSentence(text: string, dot: number, after: number): boolean {
  let w = dot;
  while (w > 0 && !/\s/.test(text[w - 1]!)) w--;
  const word = text
    .slice(w, dot)
    .replace(/^[("'\u201c\u2018[]+/, '')
    .toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J. Smith"
  let k = after;
  while (k < text.length && /\s/.test(text[k]!)) k++;
  const next = text[k];
  if (next === undefined) return true;
  // A short word before the period and a lower-case word or a digit after it: most likely an
  // abbreviation we do not know ("approx. 5", "dept. of"). Longer words end sentences even in
  // all-lower-case text (chat logs, OCR, old corpora).
  return !(word.length > 0 && word.length <= 4 && /[\p{Ll}\d]/u.test(next));
}

/** Adds `[start, end)` trimmed of whitespace, if anything is left. */
export function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 10 ||
    c === 9 ||
    c === 13 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200b)
  );
}

/** Words, single CJK characters, and single punctuation marks: roughly what a subword tokenizer splits on. */
const PIECE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;

/** Word pieces of a span with their estimated token cost, for cutting over-long sentences. */
export interface Piece {
  start: number;
  end: number;
  cost: number;
}

/**
 * A cheap, deterministic token estimate: one per punctuation mark or CJK character, and one per word plus
 * one per further 6 characters (subword tokenizers split long and rare words). The chunker scales it by a
 * factor learnt from exact counts, so only its proportions matter.
 */
export function estimateTokens(text: string, start = 0, end = text.length): number {
  let total = 0;
  for (const piece of pieces(text, start, end)) total += piece.cost;
  return total;
}

/** The pieces of `text[start, end)` in order. */
export function* pieces(text: string, start: number, end: number): Generator<Piece> {
  const re = new RegExp(PIECE.source, 'gu');
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const len = m[0].length;
    yield { start: start + m.index, end: start + m.index + len, cost: 1 + Math.floor((len - 1) / 6) };
  }
}

/**
 * Cuts a span whose estimate exceeds `budget` into consecutive spans of at most `budget` estimated
 * tokens. Cuts prefer, in order: a line break, clause punctuation (, ; : and dashes), any space between
 * words; a single word longer than the budget is cut inside (never inside a surrogate pair).
 */
export function splitLongSpan(text: string, span: Span, budget: number): Span[] {
  const out: Span[] = [];
  let windowStart = span.start;
  let cost = 0;
  let prevEnd = span.start;
  /** Best cut seen in the current window: its priority, position and the cost before it. */
  let best = { priority: 0, at: -1, costBefore: 0 };
  for (const piece of pieces(text, span.start, span.end)) {
    if (piece.cost > budget) {
      pushTrimmed(text, windowStart, piece.start, out);
      cutWord(text, piece, budget, out);
      windowStart = prevEnd = piece.end;
      cost = 0;
      best = { priority: 0, at: -1, costBefore: 0 };
      continue;
    }
    const priority = cutPriority(text, prevEnd, piece.start);
    if (cost + piece.cost > budget) {
      // Cut at the best boundary if it leaves at least half a budget behind, else right here.
      const useBest = best.at > windowStart && best.costBefore >= budget / 2;
      const at = useBest ? best.at : piece.start;
      pushTrimmed(text, windowStart, at, out);
      cost = useBest ? cost - best.costBefore : 0;
      windowStart = at;
      best = { priority: 0, at: -1, costBefore: 0 };
    }
    if (piece.start > windowStart && priority > 0 && priority >= best.priority) {
      best = { priority, at: piece.start, costBefore: cost };
    }
    cost += piece.cost;
    prevEnd = piece.end;
  }
  pushTrimmed(text, windowStart, span.end, out);
  return out;
}

/** How good a cut between two pieces is: 3 line break, 2 after clause punctuation, 1 a space, 0 none. */
function cutPriority(text: string, prevEnd: number, nextStart: number): number {
  if (nextStart === prevEnd) return 0;
  const gap = text.slice(prevEnd, nextStart);
  if (gap.includes('\n')) return 3;
  if (/[,;:\u2013\u2014]/.test(text[prevEnd - 1] ?? '')) return 2;
  return 1;
}

/** Cuts one over-long word into pieces of about `budget` estimated tokens. */
function cutWord(text: string, piece: Piece, budget: number, out: Span[]): void {
  const charsPerPart = Math.max(1, budget * 6);
  let at = piece.start;
  while (at < piece.end) {
    let end = Math.min(piece.end, at + charsPerPart);
    const c = text.charCodeAt(end - 1);
    if (end < piece.end && c >= 0xd800 && c <= 0xdbff) end--;
    out.push({ start: at, end });
    at = end;
  }
}
