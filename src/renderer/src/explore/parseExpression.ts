/**
 * The explorer's input: `king - man + woman`, `"solar energy" - politics + storage`. Parts are
 * separated by a `+` or `-` with spaces around it (so `state-of-the-art` stays one part); a leading
 * `-` makes the first part negative; quotes are optional and dropped.
 */
export interface Expression {
  plus: string[];
  minus: string[];
}

export function parseExpression(text: string): Expression {
  const out: Expression = { plus: [], minus: [] };
  const trimmed = text.trim();
  if (!trimmed) return out;
  let sign: '+' | '-' = '+';
  let rest = trimmed;
  const lead = /^([+-])\s*/.exec(rest);
  if (lead) {
    sign = lead[1] as '+' | '-';
    rest = rest.slice(lead[0].length);
  }
  const pieces = rest.split(/\s+([+-])\s+/);
  for (let i = 0; i < pieces.length; i += 2) {
    const part = (pieces[i] ?? '').replace(/^["“”']+|["“”']+$/g, '').trim();
    if (part) (sign === '+' ? out.plus : out.minus).push(part);
    sign = (pieces[i + 1] as '+' | '-' | undefined) ?? '+';
  }
  return out;
}

/** Back to text, for showing what was understood. */
export function formatExpression(e: Expression): string {
  return [...e.plus.map((p, i) => (i === 0 ? p : `+ ${p}`)), ...e.minus.map((m) => `- ${m}`)].join(' ');
}
