import { decodeWindows1252 } from './decodeText';

/**
 * HTML character references: numeric ones fully, named ones for the set that occurs in real documents
 * (Latin-1, Greek, typographic punctuation, arrows, common math). Unknown names stay as written, which is
 * what browsers do too.
 */

/** Names of U+00A0..U+00FF in code-point order (the HTML 4 Latin-1 set). */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 ' +
  'sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc ' +
  'Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve ' +
  'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc ' +
  'atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve ' +
  'oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const GREEK_NAMES = (
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho _ Sigma Tau ' +
  'Upsilon Phi Chi Psi Omega'
).split(' ');

const OTHER: Record<string, number> = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  fnof: 402,
  circ: 710,
  tilde: 732,
  sigmaf: 962,
  thetasym: 977,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  zwnj: 8204,
  zwj: 8205,
  lrm: 8206,
  rlm: 8207,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  Dagger: 8225,
  bull: 8226,
  hellip: 8230,
  permil: 8240,
  prime: 8242,
  Prime: 8243,
  lsaquo: 8249,
  rsaquo: 8250,
  oline: 8254,
  frasl: 8260,
  euro: 8364,
  trade: 8482,
  larr: 8592,
  uarr: 8593,
  rarr: 8594,
  darr: 8595,
  harr: 8596,
  lArr: 8656,
  uArr: 8657,
  rArr: 8658,
  dArr: 8659,
  hArr: 8660,
  forall: 8704,
  part: 8706,
  exist: 8707,
  empty: 8709,
  nabla: 8711,
  isin: 8712,
  notin: 8713,
  prod: 8719,
  sum: 8721,
  minus: 8722,
  lowast: 8727,
  radic: 8730,
  prop: 8733,
  infin: 8734,
  and: 8743,
  or: 8744,
  cap: 8745,
  cup: 8746,
  int: 8747,
  there4: 8756,
  sim: 8764,
  asymp: 8776,
  ne: 8800,
  equiv: 8801,
  le: 8804,
  ge: 8805,
  sub: 8834,
  sup: 8835,
  sube: 8838,
  supe: 8839,
  middot: 183,
  nbsp: 160,
  shy: 173,
};

const NAMED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  LATIN1_NAMES.forEach((name, i) => map.set(name, String.fromCodePoint(0xa0 + i)));
  GREEK_NAMES.forEach((name, i) => {
    if (name === '_') return;
    map.set(name, String.fromCodePoint(0x391 + i));
    map.set(name.toLowerCase(), String.fromCodePoint(0x3b1 + i));
  });
  for (const [name, cp] of Object.entries(OTHER)) map.set(name, String.fromCodePoint(cp));
  return map;
})();

/** References browsers accept without the closing semicolon (the legacy ones authors actually omit). */
const NO_SEMICOLON_OK = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/** Decodes character references (`&amp;`, `&#233;`, `&#xE9;`) in a run of HTML text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31})(;?)/g,
    (whole, ref: string, semi: string) => {
      if (ref.startsWith('#')) {
        const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        // HTML maps C1 code points in numeric references to their windows-1252 characters.
        if (cp >= 0x80 && cp <= 0x9f) return decodeWindows1252(new Uint8Array([cp]));
        if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
        return String.fromCodePoint(cp);
      }
      const ch = NAMED.get(ref);
      if (ch === undefined || (!semi && !NO_SEMICOLON_OK.has(ref))) return whole;
      return ch;
    },
  );
}
