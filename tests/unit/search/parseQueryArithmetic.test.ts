import { describe, expect, it } from 'vitest';
import { parseQueryArithmetic } from '../../../src/main/core/search/parseQueryArithmetic';

/** `+text` / `-text` / `+"quoted"` shorthand of the parsed parts, to keep expectations readable. */
function parts(query: string): string[] {
  return parseQueryArithmetic(query).parts.map(
    (p) => `${p.sign === 1 ? '+' : '-'}${p.quoted ? `"${p.text}"` : p.text}`,
  );
}

describe('parseQueryArithmetic', () => {
  it('keeps an ordinary query whole, as one positive part', () => {
    expect(parts('how do wings generate lift')).toEqual(['+how do wings generate lift']);
    expect(parts('  lots   of\tspace \n')).toEqual(['+lots of space']);
  });

  it('parses the Semantra-style example', () => {
    const parsed = parseQueryArithmetic('"solar energy" +storage -politics');
    expect(parsed.positive.map((p) => p.text)).toEqual(['solar energy', 'storage']);
    expect(parsed.negative.map((p) => p.text)).toEqual(['politics']);
    expect(parts('"solar energy" +storage -politics')).toEqual(['+"solar energy"', '+storage', '-politics']);
  });

  it('a sign covers only the next word or quoted group', () => {
    expect(parts('solar energy +storage -politics')).toEqual(['+solar energy', '+storage', '-politics']);
    expect(parts('-"fossil fuel" wind turbines')).toEqual(['-"fossil fuel"', '+wind turbines']);
    expect(parts('wind -coal power')).toEqual(['+wind', '-coal', '+power']);
  });

  it('keeps hyphens and pluses inside words', () => {
    expect(parts('state-of-the-art C++ compilers')).toEqual(['+state-of-the-art C++ compilers']);
    expect(parts('-e-mail spam')).toEqual(['-e-mail', '+spam']);
  });

  it('treats a sign before a digit as a number', () => {
    expect(parts('-5 degrees +1 -x')).toEqual(['+-5 degrees +1', '-x']);
  });

  it('lets a lone sign apply to the next token and ignores a trailing one', () => {
    expect(parts('wings - drag')).toEqual(['+wings', '-drag']);
    expect(parts('wings + "lift curve"')).toEqual(['+wings', '+"lift curve"']);
    expect(parts('wings -')).toEqual(['+wings']);
    expect(parts('wings +   ')).toEqual(['+wings']);
  });

  it('uses the sign nearest the word when several are stacked', () => {
    expect(parts('--drag +-lift -+thrust')).toEqual(['-drag', '-lift', '+thrust']);
  });

  it('handles quotes: curly, unclosed, empty, glued to words', () => {
    expect(parts('\u201cboundary layer\u201d -\u201cshock wave\u201d')).toEqual([
      '+"boundary layer"',
      '-"shock wave"',
    ]);
    expect(parts('wings "lift  curve')).toEqual(['+wings', '+"lift curve"']);
    expect(parts('"" wings " "')).toEqual(['+wings']);
    expect(parts('flow"boundary layer"')).toEqual(['+flow', '+"boundary layer"']);
    expect(parts('-""')).toEqual([]);
  });

  it('returns no parts for empty or sign-only input', () => {
    expect(parts('')).toEqual([]);
    expect(parts('   ')).toEqual([]);
    expect(parts('+ - +')).toEqual([]);
    expect(parseQueryArithmetic('-politics').positive).toEqual([]);
  });
});
