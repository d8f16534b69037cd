import { tokenizeLikeIndex } from '../store/keywordIndex';
import type { KeywordQuery } from '../store/keywordQuery';

/**
 * Verbs and their Latin nouns in -ion, which the English stemmer leaves apart: `dividing` -> divid but
 * `division` -> divis, `include` / `inclusion`, `permit` / `permission`, `reduce` / `reduction`,
 * `modify` / `modification`. A question saying "dividing" missed the manual that says "division". Each
 * query word whose stem ends in one of these alternations also searches the other form, as a weighted
 * alternative (DERIVED_WEIGHT).
 *
 * A rule maps a stem ending to the other form's stem ending and gives that form's word ending
 * (`divid` -> `divis`, written `division`); the word is kept only if the index's own stemmer takes it
 * back to the intended stem, so a rule never adds a word the index would read otherwise. A made-up word
 * (`method` -> `methosion`) matches nothing and costs nothing. Stems shorter than MIN_STEM, or with
 * fewer than two letters before the ending, are left alone (`duct`, `bus`), and one-way rules avoid the
 * false pairs their reverse would make (`intens(ity)` is not `intend`).
 */
const RULES: ReadonlyArray<{ from: string; to: string; word: string }> = [
  { from: 'id', to: 'is', word: 'ision' }, // divide, decide, provide
  { from: 'is', to: 'id', word: 'ide' },
  { from: 'ud', to: 'us', word: 'usion' }, // include, conclude, exclude
  { from: 'us', to: 'ud', word: 'ude' },
  { from: 'od', to: 'os', word: 'osion' }, // explode, erode, corrode
  { from: 'os', to: 'od', word: 'ode' },
  { from: 'end', to: 'ens', word: 'ension' }, // extend, suspend (one way)
  { from: 'it', to: 'iss', word: 'ission' }, // permit, transmit, emit
  { from: 'iss', to: 'it', word: 'it' },
  { from: 'ceiv', to: 'cept', word: 'ception' }, // receive, perceive
  { from: 'cept', to: 'ceiv', word: 'ceive' },
  { from: 'sorb', to: 'sorpt', word: 'sorption' }, // absorb
  { from: 'sorpt', to: 'sorb', word: 'sorb' },
  { from: 'olv', to: 'olut', word: 'olution' }, // resolve, evolve
  { from: 'olut', to: 'olv', word: 'olve' },
  { from: 'duc', to: 'duct', word: 'duction' }, // reduce, produce, introduce
  { from: 'duct', to: 'duc', word: 'duce' },
  { from: 'ifi', to: 'if', word: 'ification' }, // modify, specify, classify
  { from: 'if', to: 'ifi', word: 'ify' },
];

const MIN_STEM = 4;

/**
 * Weight of a derived form against the query word's own 1. At 0.5 the known-item question "the steps of
 * dividing two numbers by hand" moved its manual (which says "division") from keyword rank 75 to 6, at
 * 1 to the top 5; see DEFAULT_DERIVED_FORMS (search.ts) for why the option is off.
 */
export const DERIVED_WEIGHT = 1;

/**
 * The derived forms of a query's positive words (quoted phrases are matched as written), each as a
 * weighted alternative (KeywordQuery.weighted); words the query has already are not repeated.
 */
export async function derivedForms(query: KeywordQuery): Promise<NonNullable<KeywordQuery['weighted']>> {
  const stems = new Set<string>();
  for (const c of query.should)
    if (!c.phrase) for (const t of await tokenizeLikeIndex(c.text)) stems.add(t.text);
  const out: NonNullable<KeywordQuery['weighted']> = [];
  const seen = new Set(stems);
  for (const stem of stems) {
    if (stem.length < MIN_STEM || /\d/.test(stem)) continue;
    for (const rule of RULES) {
      if (!stem.endsWith(rule.from) || stem.length < rule.from.length + 2) continue;
      const base = stem.slice(0, -rule.from.length);
      const target = base + rule.to;
      if (seen.has(target)) continue;
      const word = base + rule.word;
      const back = await tokenizeLikeIndex(word);
      if (back.length !== 1 || back[0]!.text !== target) continue;
      seen.add(target);
      out.push({ text: word, weight: DERIVED_WEIGHT });
    }
  }
  return out;
}
