/**
 * Symbols typed on their own in a keyword query, searched by their names. The keyword index keeps
 * letters and digits only (keywordIndex.ts), so `_` in "type _ in ordinary text" matched nothing and the
 * question lost its most telling word; documents about a symbol name it ("underscore", "tilde"). Only a
 * symbol standing alone is renamed: `a_b` or `C#` are words the index splits on its own.
 */
const SYMBOL_NAMES: ReadonlyMap<string, string> = new Map([
  ['_', 'underscore'],
  ['&', 'ampersand'],
  ['%', 'percent'],
  ['#', 'hash'],
  ['$', 'dollar'],
  ['~', 'tilde'],
  ['^', 'caret'],
  ['\\', 'backslash'],
  ['|', 'vertical bar'],
  ['*', 'asterisk'],
  ['@', 'at sign'],
  ['°', 'degree'],
  ['§', 'section'],
  ['¶', 'paragraph'],
  ['€', 'euro'],
  ['£', 'pound'],
  ['©', 'copyright'],
]);

/** `text` with each whitespace-separated lone symbol replaced by its name (unknown symbols stay). */
export function withSymbolNames(text: string): string {
  return text
    .split(/(\s+)/)
    .map((token) => SYMBOL_NAMES.get(token) ?? token)
    .join('');
}
