/**
 * Document text as shown on screen. Angle brackets from CJK and math blocks (〈 〉 U+3008/9, 〈 〉
 * U+2329/A, ⟨ ⟩ U+27E8/9, common in LaTeX manuals for ⟨argument⟩) have no glyph in the usual
 * system UI fonts and showed as boxes; they become ‹ › (U+2039/A), which every Latin font has. One
 * UTF-16 unit for one, so character offsets (highlights) stay valid.
 */
const replacements: Record<string, string> = {
  '\u3008': '‹',
  '\u2329': '‹',
  '\u27e8': '‹',
  '\u27ea': '«',
  '\u3009': '›',
  '\u232a': '›',
  '\u27e9': '›',
  '\u27eb': '»',
};

const pattern = /[\u3008\u3009\u2329\u232a\u27e8-\u27eb]/g;

export function displayText(text: string): string {
  return text.replace(pattern, (ch) => replacements[ch] ?? ch);
}
