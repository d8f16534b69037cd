import { scanChunksAt } from '../store/scanChunksAt';
import { TermCounter, type TermIndex } from './keyTerms';

/**
 * Builds the library's term index straight from the chunks table. Runs inside the similarity worker
 * (tokenising a large library's text takes seconds), reading through a connection of its own.
 * Only visible chunks count (document row ok, same generation); each document contributes its title
 * plus its chunks in order up to `maxChars` characters, so one huge book cannot drown the statistics.
 */
export async function buildLibraryTermIndex(
  lanceDir: string,
  documents: ReadonlyArray<readonly [docId: string, generation: string, title: string]>,
  options: { maxChars: number; perDocument: number },
): Promise<TermIndex> {
  const visible = new Map(documents.map(([id, generation, title]) => [id, { generation, title }]));
  const parts = new Map<string, { chars: number; list: Array<{ ordinal: number; text: string }> }>();
  // Only a document's first chunks are read (its first `maxChars` characters are what counts).
  const firstChunks = `\`ordinal\` < ${Math.max(1, Math.ceil(options.maxChars / 150))}`;
  const columns = ['docId', 'generation', 'ordinal', 'text'];
  for await (const batch of scanChunksAt(lanceDir, columns, firstChunks)) {
    const docIds = batch.getChild('docId');
    const generations = batch.getChild('generation');
    const ordinals = batch.getChild('ordinal');
    const texts = batch.getChild('text');
    if (!docIds || !generations || !ordinals || !texts) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docIds.get(i));
      const doc = visible.get(docId);
      if (!doc || doc.generation !== String(generations.get(i))) continue;
      const entry = parts.get(docId) ?? { chars: 0, list: [] };
      const text = String(texts.get(i));
      entry.list.push({ ordinal: Number(ordinals.get(i)), text });
      entry.chars += text.length;
      // Chunks arrive in no particular order; keep the earliest ones once well past the budget.
      if (entry.chars > 2 * options.maxChars) trimToBudget(entry, options.maxChars);
      parts.set(docId, entry);
    }
  }
  const counter = new TermCounter();
  for (const [docId, { title }] of visible) {
    const list = (parts.get(docId)?.list ?? []).sort((a, b) => a.ordinal - b.ordinal);
    let text = `${title}.\n`;
    for (const p of list) {
      if (text.length >= options.maxChars) break;
      text += `${p.text}\n`;
    }
    counter.add(docId, text.slice(0, options.maxChars));
  }
  return counter.finish(options.perDocument);
}

/** Keeps the lowest-ordinal chunks that reach `budget` characters. */
function trimToBudget(
  entry: { chars: number; list: Array<{ ordinal: number; text: string }> },
  budget: number,
): void {
  entry.list.sort((a, b) => a.ordinal - b.ordinal);
  let chars = 0;
  let keep = 0;
  while (keep < entry.list.length && chars < budget)
    chars += (entry.list[keep++] as { text: string }).text.length;
  entry.list.length = keep;
  entry.chars = chars;
}
