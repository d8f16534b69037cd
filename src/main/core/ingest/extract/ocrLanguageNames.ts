/**
 * English names of common Tesseract language codes, for the settings screen and `loci settings`.
 * A code not listed here is shown as itself (packs exist for over a hundred languages and scripts).
 */
const NAMES: Readonly<Record<string, string>> = {
  ara: 'Arabic',
  ces: 'Czech',
  chi_sim: 'Chinese (simplified)',
  chi_tra: 'Chinese (traditional)',
  dan: 'Danish',
  deu: 'German',
  ell: 'Greek',
  eng: 'English',
  fin: 'Finnish',
  fra: 'French',
  heb: 'Hebrew',
  hin: 'Hindi',
  hun: 'Hungarian',
  ita: 'Italian',
  jpn: 'Japanese',
  kor: 'Korean',
  lat: 'Latin',
  nld: 'Dutch',
  nor: 'Norwegian',
  pol: 'Polish',
  por: 'Portuguese',
  rus: 'Russian',
  spa: 'Spanish',
  swe: 'Swedish',
  tur: 'Turkish',
  ukr: 'Ukrainian',
};

export function ocrLanguageName(code: string): string {
  return NAMES[code] ?? code;
}
