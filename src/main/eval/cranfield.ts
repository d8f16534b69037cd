import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Reader for the Cranfield 1400 collection (../shared/data/cranfield). Field lines start with `.I`,
 * `.T`, `.A`, `.B`, `.W`. Query numbers in `cranqrel` are the queries' positions in file order (1..225),
 * not their `.I` labels.
 */
export interface CranfieldDoc {
  id: number;
  title: string;
  text: string;
}

export interface CranfieldQuery {
  /** 1-based position in cran.qry: the number used by cranqrel. */
  number: number;
  text: string;
}

/** query number -> doc id -> graded gain (5 - grade for grades 1..4; grade -1 dropped). */
export type Qrels = Map<number, Map<number, number>>;

export interface Cranfield {
  docs: CranfieldDoc[];
  queries: CranfieldQuery[];
  qrels: Qrels;
}

function parseFields(text: string): Array<Record<string, string>> {
  const records: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  let field = '';
  for (const line of text.split(/\r?\n/)) {
    const marker = /^\.([ITABW])\b\s*(.*)$/.exec(line);
    if (marker) {
      field = marker[1]!;
      if (field === 'I') {
        current = { I: marker[2]!.trim() };
        records.push(current);
      } else if (current) current[field] = '';
      continue;
    }
    if (current && field && field !== 'I') current[field] = `${current[field] ?? ''}${line}\n`;
  }
  return records;
}

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export async function readCranfield(dir: string): Promise<Cranfield> {
  const read = (name: string) =>
    fs.readFile(path.join(dir, name), 'utf8').catch(() => {
      throw new Error(
        `Cranfield file missing: ${path.join(dir, name)} (set LOCI_SHARED_DATA to the shared data folder)`,
      );
    });
  const [all, qry, rel] = await Promise.all([read('cran.all.1400'), read('cran.qry'), read('cranqrel')]);
  const docs = parseFields(all).map((r) => ({ id: Number(r.I), title: clean(r.T), text: clean(r.W) }));
  const queries = parseFields(qry).map((r, i) => ({ number: i + 1, text: clean(r.W) }));
  const qrels: Qrels = new Map();
  for (const line of rel.split('\n')) {
    const [q, d, g] = line.trim().split(/\s+/).map(Number);
    if (!q || !d || g === undefined || !(g >= 1 && g <= 4)) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, 5 - g);
  }
  return { docs, queries, qrels };
}
