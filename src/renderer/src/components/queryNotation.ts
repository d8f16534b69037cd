import { parseQueryArithmetic } from '../../../shared/query/parseQueryArithmetic';

/**
 * One notation for query arithmetic on every screen: Search and Explore read what is typed with the
 * same grammar (`sourdough -yeast +river`, quotes group words) and write what they understood the
 * same way: positive parts first, each signed, a part of several words in quotes.
 */

export interface SignedParts {
  plus: string[];
  minus: string[];
}

/** What a typed query means: its positive and negative parts (the search grammar). */
export function readQueryParts(text: string): SignedParts {
  const parsed = parseQueryArithmetic(text);
  return { plus: parsed.positive.map((p) => p.text), minus: parsed.negative.map((p) => p.text) };
}

const quoted = (part: string) => (/\s/.test(part) ? `“${part}”` : part);

/** `+sourdough +river −yeast` (a true minus sign: it reads as one, and never as a hyphen). */
export function formatQueryParts(parts: SignedParts): string {
  return [...parts.plus.map((p) => `+${quoted(p)}`), ...parts.minus.map((m) => `−${quoted(m)}`)].join(' ');
}
