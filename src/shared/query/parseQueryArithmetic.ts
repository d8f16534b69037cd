/**
 * Query arithmetic in the style of Semantra: `"solar energy" +storage -politics` means "near solar
 * energy and storage, away from politics". Each part is embedded on its own and the query vector is
 * normalise(sum of positive parts - sum of negative parts); the keyword side searches the positive
 * parts and drops chunks containing a negative part.
 *
 * Grammar, from what people type rather than from a formal language:
 * - Plain words run together into one positive part: `how do wings generate lift` is one part, so
 *   an ordinary query is embedded whole.
 * - `+` or `-` at the start of a token signs the next word or quoted group only: `-politics`,
 *   `+"energy storage"`. A sign standing alone (`- politics`) signs the next token. Of several signs
 *   (`+-x`) the one nearest the word wins.
 * - Quotes group words into one part (`"solar energy"`); curly quotes work too; an unclosed quote
 *   runs to the end. An unsigned quoted group is a positive part of its own.
 * - Signs inside words are text (`state-of-the-art`, `C++`), and a sign before a digit is a number
 *   (`-5 degrees`, `+1`).
 */

export interface QueryPart {
  /** The part's text, whitespace collapsed. */
  text: string;
  sign: 1 | -1;
  /** Written in quotes: matched as a phrase by the keyword side. */
  quoted: boolean;
}

export interface ParsedQuery {
  parts: QueryPart[];
  positive: QueryPart[];
  negative: QueryPart[];
}

const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function collapse(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function parseQueryArithmetic(query: string): ParsedQuery {
  const parts: QueryPart[] = [];
  let run: string[] = [];
  const flushRun = (): void => {
    if (run.length > 0) parts.push({ text: run.join(' '), sign: 1, quoted: false });
    run = [];
  };
  const n = query.length;
  let i = 0;
  // A sign seen but not yet attached to a word (`- politics`): it applies to the next token.
  let pending: 0 | 1 | -1 = 0;
  while (i < n) {
    while (i < n && isSpace(query[i])) i++;
    if (i >= n) break;
    let j = i;
    let sign: 0 | 1 | -1 = 0;
    while (j < n && (query[j] === '+' || query[j] === '-')) {
      sign = query[j] === '-' ? -1 : 1;
      j++;
    }
    if (sign !== 0 && !isDigit(query[j])) {
      pending = sign; // nearest sign wins, also across `+ -`
      i = j;
      continue;
    }
    // (a sign before a digit is part of a number, read as a word from i)
    const tokenSign = pending;
    pending = 0;
    if (QUOTES.has(query[i] as string)) {
      let end = i + 1;
      while (end < n && !QUOTES.has(query[end] as string)) end++;
      const text = collapse(query.slice(i + 1, end));
      i = end + 1;
      if (text) {
        flushRun();
        parts.push({ text, sign: tokenSign === 0 ? 1 : tokenSign, quoted: true });
      }
      continue;
    }
    let end = i;
    while (end < n && !isSpace(query[end]) && !QUOTES.has(query[end] as string)) end++;
    const word = query.slice(i, end);
    i = end;
    if (tokenSign === 0) {
      run.push(word);
    } else {
      flushRun();
      parts.push({ text: word, sign: tokenSign, quoted: false });
    }
  }
  flushRun();
  return {
    parts,
    positive: parts.filter((p) => p.sign === 1),
    negative: parts.filter((p) => p.sign === -1),
  };
}
