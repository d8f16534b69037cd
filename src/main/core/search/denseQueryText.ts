/**
 * The text a query part is embedded from in semantic mode: its words without English function words
 * ("how do I make tables with nice horizontal rules" -> "make tables nice horizontal rules").
 *
 * Why: a sentence encoder embeds a question's wording along with its topic, and a short question
 * full of "what", "how", "do", "the", "of" lands near passages phrased like questions, not near the
 * passages that answer it. Measured with the built-in model, results by document (`loci eval` prints
 * the "dense query" rows):
 * - Cranfield (225 queries, fp32) semantic nDCG@10 0.1752 -> 0.1855, MAP@100 0.127 -> 0.143;
 * - known items (50 questions, 420 TeX Live PDFs, int8) semantic success@5 0.34 -> 0.38, MRR@10
 *   0.248 -> 0.264.
 * Longer lists lost on both in an offline run over the same vectors (exact search): the topic labels'
 * stop words (they also hold "show", "find", "two"...) and stopwords-iso's English list. So the list
 * is short: articles, prepositions, auxiliaries, pronouns, question words; negations stay.
 *
 * Hybrid mode keeps the whole query: its dense query is steered towards the best keyword hits anyway,
 * and there the change was a wash (Cranfield 0.3744 -> 0.3769, known-item MRR@10 0.660 -> 0.648).
 */
export const QUERY_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the of in on at to for from by with and or is are was were be been what how why which who whom
  where when do does did can could should would there their this that these those it its as any some into
  about than then such has have had i my me we our you your if`.split(/\s+/),
);

/**
 * `text` without function words; unchanged when nothing else would remain ("to be or not to be"
 * stays as typed) or when it has no function word. Words keep their case and punctuation.
 */
export function denseQueryText(text: string): string {
  const words = text.trim().split(/\s+/);
  const key = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  const kept = words.filter((w) => {
    const k = key(w);
    return k !== '' && !QUERY_FUNCTION_WORDS.has(k);
  });
  if (kept.length === 0 || kept.length === words.length) return text;
  return kept.join(' ');
}
