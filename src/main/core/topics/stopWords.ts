/**
 * The one stop-word list (map labels, heatmap labels, the term index behind explore). Words never used
 * as labels or key terms: English function words (the usual stop list), words every
 * document collection is full of (page, figure, section...), and fragments that extraction leaves
 * behind. Labels are meant to say what a cluster is about.
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

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${COLLECTION_WORDS}`.split(/\s+/).filter(Boolean),
);
