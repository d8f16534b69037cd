import stopwordsIso from 'stopwords-iso/stopwords-iso.json';

/**
 * The stop words of topic labels and key terms (the term index behind explore and every topic label):
 * our own English function words and words every document collection is full of (page, figure,
 * section...), plus the stop words of each document's own language from stopwords-iso (58 languages,
 * maintained). Labels are meant to say what a cluster is about, in whatever language it is written.
 */
const FUNCTION_WORDS = `a about above after again against all almost also although always am among an and another any
are aren't around as at be because been before being below between both but by can can't cannot could
couldn't did didn't do does doesn't doing don't done down during each either else enough etc even ever
every few for from further get gets getting given gives had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in
into is isn't it it's its itself just least less let's like made make makes many may me might more most
much must mustn't my myself neither never no nor not now of off often on once one only onto or other
others otherwise ought our ours ourselves out over own per perhaps put rather really same several shall
shan't she she'd she'll she's should shouldn't since so some such than that that's the their theirs them
themselves then there there's therefore these they they'd they'll they're they've this those though
through thus to too toward towards under until up upon us use used uses using very via was wasn't we
we'd we'll we're we've well were weren't what what's whatever when when's where where's whereas whether
which while who who's whom whose why why's will with within without won't would wouldn't yet you you'd
you'll you're you've your yours yourself yourselves`;

const COLLECTION_WORDS = `abstract appendix chapter chapters copyright contents edition eds et al fig figure figures
http https www com org html pdf page pages paper papers part parts preface references reference
section sections see table tables vol volume pp ibid also new first second third two three four five
six seven eight nine ten one zero eg ie non pre result results example examples following note notes case
cases way ways number numbers time times shown show shows found find thing things include includes
including includes based however various general given order form forms type types line lines text
value values set sets end use user users file files document documents`;

/** Our own list: English function words and collection boilerplate (used for every language). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${COLLECTION_WORDS}`.split(/\s+/).filter(Boolean),
);

const ISO = stopwordsIso as Record<string, string[]>;
const byLanguage = new Map<string, ReadonlySet<string>>();

/** Stop words of one language (ISO 639-1 code) from stopwords-iso, plus our own list. */
export function stopWordsOf(language: string): ReadonlySet<string> {
  let set = byLanguage.get(language);
  if (!set) {
    set = new Set([...STOP_WORDS, ...(ISO[language] ?? []).map((w) => w.toLowerCase())]);
    byLanguage.set(language, set);
  }
  return set;
}

/** Stop words of every language in `languages` (the languages a library's documents are written in). */
export function stopWordsOfAll(languages: Iterable<string>): ReadonlySet<string> {
  const out = new Set(STOP_WORDS);
  for (const language of languages) for (const w of stopWordsOf(language)) out.add(w);
  return out;
}

/**
 * Languages told apart by their most frequent function words: in running text of a language, these
 * few dozen words make up a quarter to a half of all tokens, while another language's text hits them
 * rarely. (Whole stopwords-iso lists would not do for this: their sizes differ tenfold, and a big list
 * matches any text.) Languages without a profile here still get their stopwords-iso list when named.
 */
const PROFILES: Record<string, string> = {
  en: 'the of and to in is that for it as with was on be by this are from or an which at not have',
  fr: 'le la les de des du et est un une en que qui dans pour pas au sur par ce il elle sont avec aux',
  de: 'der die das und ist nicht ein eine den dem des zu mit sich auf für von im auch als wird sind',
  es: 'el la los las de del y en que es un una por con para se no al lo como más su',
  it: 'il lo la gli le di del della e che è un una per con non da sono nel alla si',
  pt: 'o a os as de do da e que em um uma para com não no na por se dos das',
  nl: 'de het een en van is dat op te in voor met niet zijn aan er ook als door',
  sv: 'och att det som en är på av för med till den har inte ett om var de',
  pl: 'i w na z że się nie do to jest jak o po co ale za od',
  cs: 'a v se na je že s z do to o jako ale by pro jsou',
  ru: 'и в не на что с по это как из к а для от то он',
};
const PROFILE_SETS = Object.entries(PROFILES).map(
  ([language, words]) => [language, new Set(words.split(' '))] as const,
);

/** Share of tokens a language's profile must cover to count as that text's language. */
const MIN_SHARE = 0.12;
const TOKEN = /\p{L}+/gu;

/**
 * The language of a text (ISO 639-1), by the share of its tokens that are the language's most frequent
 * function words; null when no language reaches 12% (too little text, a table of numbers, a script
 * without a profile). Looks at the first 20,000 characters.
 */
export function detectLanguage(text: string): string | null {
  const tokens = text.slice(0, 20_000).toLowerCase().match(TOKEN);
  if (!tokens || tokens.length < 20) return null;
  let best: string | null = null;
  let bestShare = MIN_SHARE;
  for (const [language, words] of PROFILE_SETS) {
    let hits = 0;
    for (const t of tokens) if (words.has(t)) hits++;
    const share = hits / tokens.length;
    if (share > bestShare) {
      bestShare = share;
      best = language;
    }
  }
  return best;
}
