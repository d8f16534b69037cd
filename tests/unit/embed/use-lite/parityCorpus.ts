/**
 * Texts for the use-lite parity tests: the 225 Cranfield queries (real English sentences, from
 * LOCI_SHARED_DATA) plus hand-made edge cases (punctuation, digits, accents, CJK, emoji, whitespace),
 * and a seeded generator of random strings for the tokenizer comparison.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function sharedDataDir(): string {
  return path.resolve(process.env.LOCI_SHARED_DATA ?? path.join(process.cwd(), '..', 'shared', 'data'));
}

/** The Cranfield queries, whitespace-joined, in file order. Throws a clear error when the data is absent. */
export function cranfieldQueries(): string[] {
  const file = path.join(sharedDataDir(), 'cranfield', 'cran.qry');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `Cranfield queries not found at ${file} (set LOCI_SHARED_DATA to the shared data folder)`,
    );
  }
  return text
    .split(/^\.I .*$/m)
    .map((block) =>
      block
        .replace(/^\s*\.W\s*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((q) => q.length > 0);
}

/**
 * 200 short varied sentences from the Cranfield queries: query k cut to its first 4-9 words (the length
 * cycles with k) so the TF.js reference, which costs tens of milliseconds per token, stays affordable.
 */
export function shortCranfieldSentences(count = 200): string[] {
  return cranfieldQueries()
    .slice(0, count)
    .map((q, k) =>
      q
        .split(' ')
        .slice(0, 4 + (k % 6))
        .join(' '),
    );
}

/** Hand-made sentences covering what the tokenizer and model must cope with. */
export const EDGE_SENTENCES: readonly string[] = [
  'How old are you?',
  'What is your age?',
  'Quantum chromodynamics describes quarks.',
  'The quick brown fox jumps over the lazy dog.',
  "It's 3:45 p.m. on 2024-02-29 -- we've got 1,234.56 EUR (approx.) left!",
  'Email me at someone@example.com or visit https://example.org/path?q=1&r=2.',
  'Café, naïve, résumé, façade, jalapeño, Ångström, Œuvre, straße.',
  'Ｆｕｌｌｗｉｄｔｈ ＡＳＣＩＩ and ligatures: ﬁne ﬂow ½ ² ㎏',
  '東京は日本の首都です。',
  '北京欢迎你，上海也很好。',
  '서울은 한국의 수도입니다.',
  'Москва — столица России.',
  'Αθήνα είναι η πρωτεύουσα της Ελλάδας.',
  'مرحبا بالعالم',
  'I love pizza 🍕🍕 and emoji 😀👍🏽 and families 👨‍👩‍👧!',
  '🎉🎉🎉',
  '   leading and trailing spaces   ',
  'tabs\tand\nnewlines\r\ninside',
  'MiXeD CaSe WoRdS ANd ALLCAPS SHOUTING',
  '!!!???...,,,;;;:::',
  '0123456789 9876543210 3.14159 2.71828 6.022e23',
  'a',
  'I',
  '.',
  'antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis',
  'The patient presented with acute myocardial infarction and was given aspirin.',
  'def f(x): return x ** 2  # python code in a sentence',
  '<html><body><p>Tagged text &amp; entities</p></body></html>',
  'Supersonic flow over a wedge produces an oblique shock wave.',
  'Boundary-layer transition depends on the Reynolds number.',
  'Das ist ein deutscher Satz mit Umlauten: Müller, Größe, Übung.',
  'Je pense, donc je suis.',
  '¿Dónde está la biblioteca?',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
  'He said, "Stop!" and she replied, \'Why?\'',
  '[1] Smith et al., J. Fluid Mech. 12 (1962) 345-367.',
];

/** Deterministic pseudo-random generator (LCG), so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?\'"-()[]{}/@#%&*+=_~',
  ...'éèêëàâäîïôöùûüçñßøåæœÉÀÇ',
  ...'日本語中文漢字한국어Русскийالعربية',
  ...['😀', '👍', '🏽', '🎉', '\u{20000}', '\u{1D400}', '\u200D', '\u00A0', '\t', '\n', '  ', 'ﬁ', '①', 'Ⅻ'],
  ...['the ', 'and ', 'of ', 'flow ', 'wing ', 'shock ', 'pressure ', 'heat '],
];

/** `count` random strings of up to `maxLength` symbols drawn from a mixed-script alphabet. */
export function randomStrings(count: number, maxLength: number, seed = 7): string[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const n = Math.floor(rnd() * (maxLength + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    return s;
  });
}
