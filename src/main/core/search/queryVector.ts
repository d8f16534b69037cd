import type { Embedder } from '../embed/types';
import { denseQueryText } from './denseQueryText';
import type { ParsedQuery } from './parseQueryArithmetic';
import { SearchQueryError } from './searchErrors';

/**
 * The query vector of a parsed query: normalise(sum(+parts) - sum(-parts)), each part embedded on its
 * own as a query and normalised first, so every part weighs the same whatever the model's raw norms.
 * With `contentWords`, each part is embedded without its function words (denseQueryText.ts).
 */
export async function queryVector(
  embedder: Embedder,
  parsed: ParsedQuery,
  signal?: AbortSignal,
  options: { contentWords?: boolean } = {},
): Promise<Float32Array> {
  if (parsed.positive.length === 0)
    throw new SearchQueryError('Type something to search for (not only -exclusions).');
  const texts = parsed.parts.map((p) => (options.contentWords ? denseQueryText(p.text) : p.text));
  const { vectors } = await embedder.embed(texts, { purpose: 'query', signal });
  const dims = embedder.info.dims;
  const sum = new Float32Array(dims);
  parsed.parts.forEach((part, i) => {
    const v = vectors[i];
    if (!v || v.length !== dims)
      throw new Error(`embedder returned a ${v?.length ?? 0}-d vector, expected ${dims}`);
    const scale = part.sign / (norm(v) || 1);
    for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) + (v[d] as number) * scale;
  });
  const length = norm(sum);
  if (length < 1e-6) throw new SearchQueryError('The + and - parts of this query cancel each other out.');
  for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) / length;
  return sum;
}

function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  return Math.sqrt(s);
}
