import { tokenizeLikeIndex } from '../store/keywordIndex';
import type { ParsedQuery } from './parseQueryArithmetic';

/** Most boost phrases per query: a pasted paragraph must not become a hundred phrase lookups. */
export const MAX_BOOST_PHRASES = 12;

/**
 * The phrase boost of the keyword side: each pair of adjacent query words that the index keeps (no
 * stop word between or in them) is searched as a phrase too, so a chunk saying "boundary layer"
 * scores above one that has "boundary" and "layer" far apart. Quoted parts are phrases already.
 * Word positions come from the index's own tokenizer, so the pairs are exactly what it would match.
 */
export async function phraseBoosts(parsed: ParsedQuery): Promise<string[]> {
  const out: string[] = [];
  for (const part of parsed.positive) {
    if (part.quoted) continue;
    const words = part.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length < 2) continue;
    const kept = await tokenizeLikeIndex(part.text);
    for (let i = 1; i < kept.length && out.length < MAX_BOOST_PHRASES; i++) {
      const a = kept[i - 1]!.position;
      const b = kept[i]!.position;
      if (b === a + 1 && words[a] && words[b]) out.push(`${words[a]} ${words[b]}`);
    }
  }
  return out;
}
