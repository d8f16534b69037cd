import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentHeatmap } from '../../../src/shared/api/methods/heatmap';
import { coreWithTopicLibrary, type CoreFixture } from './coreFixture';
import type { Topic } from './topicCorpus';

// The heatmap, duplicate and explorer methods end to end on a real library: 3 topics x 3 notes plus an
// exact copy and an edited copy of the first aviation note, embedded with use-lite.
describe('similarity methods on a real library', () => {
  let fx: CoreFixture;
  const topicOf = (docPath: string): Topic =>
    path
      .basename(docPath)
      .replace(/^(copy-of-|edited-)/, '')
      .split('-')[0] as Topic;

  beforeAll(async () => {
    fx = await coreWithTopicLibrary(3);
  });
  afterAll(() => fx?.close());

  it('documents: ordered by cluster, one block per topic, labelled with its key terms', async () => {
    const map = (await fx.call('heatmap.get', { kind: 'documents' })) as DocumentHeatmap;
    expect(map.level).toBe('documents');
    expect(map.totalDocuments).toBe(11);
    expect(map.rows).toHaveLength(11);
    expect(map.values).toHaveLength(121);
    expect(map.rowBands).toHaveLength(3);
    for (const band of map.rowBands) {
      const members = map.rows.slice(band.start, band.start + band.size);
      const topicsInBand = new Set(members.map((r) => topicOf(r.doc!.path)));
      expect(topicsInBand.size).toBe(1);
      expect(band.label).toContain([...topicsInBand][0]); // titles carry the topic word
    }
    // Diagonal 1; inside a block clearly more similar than across blocks.
    for (let i = 0; i < 11; i++) expect(map.values[i * 11 + i]).toBeCloseTo(1, 4);
    let inside = 0;
    let across = 0;
    let nIn = 0;
    let nAcross = 0;
    for (let i = 0; i < 11; i++)
      for (let j = 0; j < 11; j++) {
        if (i === j) continue;
        if (map.rows[i]!.cluster === map.rows[j]!.cluster) {
          inside += map.values[i * 11 + j]!;
          nIn++;
        } else {
          across += map.values[i * 11 + j]!;
          nAcross++;
        }
      }
    expect(inside / nIn).toBeGreaterThan(across / nAcross + 0.2);
  });

  it('documents are compared in the library-fitted space: unrelated topics below zero, range within [-1, 1]', async () => {
    const map = (await fx.call('heatmap.get', { kind: 'documents' })) as DocumentHeatmap;
    // Raw use-lite cosines of these notes are all positive (one shared direction); centred on the
    // library's mean, notes of other topics are dissimilar, which is what gives the heatmap contrast.
    let across = 0;
    let n = 0;
    for (let i = 0; i < 11; i++)
      for (let j = 0; j < 11; j++)
        if (map.rows[i]!.cluster !== map.rows[j]!.cluster) {
          across += map.values[i * 11 + j]!;
          n++;
        }
    expect(across / n).toBeLessThan(-0.1);
    expect(map.range[0]).toBeGreaterThanOrEqual(-1);
    expect(map.range[1]).toBeLessThanOrEqual(1);
    expect(map.range[0]).toBeLessThan(0);
  });

  it('documents above maxDocuments: the cluster-level matrix, then a drill-down into one block', async () => {
    const top = (await fx.call('heatmap.get', { kind: 'documents', maxDocuments: 4 })) as DocumentHeatmap;
    expect(top.level).toBe('clusters');
    expect(top.rows).toHaveLength(3);
    expect(top.rows.map((r) => r.count).reduce((a, b) => a! + b!, 0)).toBe(11);
    const sizes = top.rows.map((r) => r.count!);
    const block = (await fx.call('heatmap.get', {
      kind: 'documents',
      maxDocuments: 4,
      block: { row: 0, col: 1 },
    })) as DocumentHeatmap;
    expect(block.level).toBe('documents');
    expect(block.rows).toHaveLength(Math.min(4, sizes[0]!));
    expect(block.cols).toHaveLength(Math.min(4, sizes[1]!));
    expect(block.truncated).toBe(sizes[0]! > 4 || sizes[1]! > 4);
    expect(new Set(block.rows.map((r) => r.cluster))).toEqual(new Set([0]));
    expect(new Set(block.cols.map((r) => r.cluster))).toEqual(new Set([1]));
    await expect(fx.call('heatmap.get', { kind: 'documents', block: { row: 7, col: 0 } })).rejects.toThrow(
      /No cluster 7/,
    );
  });

  it('clusters: mean similarity, higher inside a cluster than between clusters', async () => {
    const map = await fx.call('heatmap.get', { kind: 'clusters' });
    expect(map.kind).toBe('clusters');
    const g = map.rows.length;
    expect(g).toBe(3);
    expect(map.rows.map((r) => r.label).every((l) => l.split(' · ').length >= 2)).toBe(true);
    for (let a = 0; a < g; a++)
      for (let b = 0; b < g; b++)
        if (a !== b) expect(map.values[a * g + a]).toBeGreaterThan(map.values[a * g + b]!);
  });

  it('query: the query row first, then the top-k results; answers on the topic belong together', async () => {
    const map = await fx.call('heatmap.get', { kind: 'query', q: 'how wings make lift and drag', k: 6 });
    if (map.kind !== 'query') throw new Error('wrong kind');
    expect(map.mode).toBe('hybrid');
    expect(map.rows[0]).toMatchObject({ id: 'query' });
    expect(map.rows).toHaveLength(7);
    expect(topicOf(map.rows[1]!.doc!.path)).toBe('aviation');
    expect(map.values[0]).toBeCloseTo(1, 4);
    // Semantic mode: the search's scores are raw cosines; the matrix is drawn in the library-fitted
    // chunk space (contrast), where the query is still close to its best answer.
    const semantic = await fx.call('heatmap.get', {
      kind: 'query',
      q: 'sourdough bread',
      k: 4,
      mode: 'semantic',
    });
    if (semantic.kind !== 'query') throw new Error('wrong kind');
    expect(semantic.values[1]).toBeGreaterThan(0.3);
    for (const v of semantic.values) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-5);
    expect(topicOf(semantic.rows[1]!.doc!.path)).toBe('baking');
    // The aviation hits are more similar to each other than to the baking notes.
    const aviation = map.rows
      .map((r, i) => (i > 0 && topicOf(r.doc!.path) === 'aviation' ? i : -1))
      .filter((i) => i > 0);
    expect(aviation.length).toBeGreaterThan(2);
    const n = map.rows.length;
    expect(map.values[aviation[0]! * n + aviation[1]!]).toBeGreaterThan(0.6);
  });

  it('time: windows by file date; a topic change between windows shows as low similarity', async () => {
    const map = await fx.call('heatmap.get', { kind: 'time', by: 'mtime', granularity: 'month' });
    if (map.kind !== 'time') throw new Error('wrong kind');
    // Aviation notes (and both copies) in January, river in March, baking in May 2023.
    expect(map.windows.map((w) => [w.label, w.count])).toEqual([
      ['2023-01', 5],
      ['2023-03', 3],
      ['2023-05', 3],
    ]);
    expect(map.windows[0]!.previous).toBeNull();
    const g = 3;
    expect(map.windows[1]!.previous).toBeCloseTo(map.values[1 * g + 0]!, 6);
    expect(map.windows[1]!.previous!).toBeLessThan(map.values[1 * g + 1]!);
    expect(map.windows[1]!.shift!).toBeGreaterThan(0.1);
    const byIngest = await fx.call('heatmap.get', { kind: 'time', by: 'indexedAt' });
    if (byIngest.kind !== 'time') throw new Error('wrong kind');
    expect(byIngest.windows.reduce((s, w) => s + w.count, 0)).toBe(11);
  });

  it('duplicates: the byte copy as an exact duplicate, the edited copy as a near-duplicate', async () => {
    const result = await fx.call('duplicates.list', { threshold: 0.9 });
    expect(result.method).toBe('exact');
    expect(result.exact).toHaveLength(1);
    expect(result.exact[0]!.documents.map((d) => path.basename(d.path)).sort()).toEqual([
      'aviation-1.md',
      'copy-of-aviation-1.md',
    ]);
    const edited = result.near.find((g) => g.documents.some((d) => d.path.endsWith('edited-aviation-1.md')));
    expect(edited).toBeDefined();
    expect(edited!.documents.map((d) => path.basename(d.path))).toContain('aviation-1.md');
    expect(edited!.best).toBeGreaterThan(0.9);
    // The identical pair is not listed again among the near ones.
    const [x, y] = result.exact[0]!.documents.map((d) => d.docId);
    const nearPairs = result.near.flatMap((g) => g.pairs);
    expect(nearPairs.some((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x))).toBe(false);
    const strict = await fx.call('duplicates.list', { threshold: 0.9999 });
    expect(strict.near).toHaveLength(0);
  });

  it('explore: + and - parts give the nearest chunks and library terms (inputs excluded) and a 2D picture', async () => {
    const vocabulary = (await fx.call('explore.vocabulary', { limit: 1000 })).terms.map((t) => t.term);
    expect(vocabulary).toContain('gluten');
    const result = await fx.call('explore.arithmetic', { plus: ['gluten', 'dough'], minus: ['oven'], k: 5 });
    expect(result.parts).toEqual([
      { text: 'gluten', sign: 1 },
      { text: 'dough', sign: 1 },
      { text: 'oven', sign: -1 },
    ]);
    expect(topicOf(result.chunks[0]!.doc.path)).toBe('baking');
    expect(result.terms).toHaveLength(5);
    expect(result.terms.map((t) => t.term)).not.toContain('gluten');
    expect(result.terms.map((t) => t.term)).not.toContain('dough');
    expect(result.vocabularySize).toBeGreaterThan(20);
    expect(result.map.points).toHaveLength(22);
    expect(result.map.parts.map((p) => p.sign)).toEqual([1, 1, -1]);
    expect(result.map.neighbours).toHaveLength(5);
  });

  it('neighbours of a document and of a chunk', async () => {
    const river = fx.files.find((f) => f.file.endsWith('river-1.md'))!;
    const docs = await fx.call('library.documents', { filter: { text: 'river note 1' } });
    const docId = docs.items[0]!.id;
    const near = await fx.call('explore.neighbours', { docId, k: 3 });
    expect(near.of.doc.path).toBe(river.file);
    expect(near.documents.map((d) => topicOf(d.doc.path))).toEqual(['river', 'river', expect.any(String)]);
    expect(near.chunks.every((c) => c.doc.docId !== docId)).toBe(true);
    const fromChunk = await fx.call('explore.neighbours', { chunkId: near.chunks[0]!.chunkId, k: 2 });
    expect(fromChunk.of.chunkId).toBe(near.chunks[0]!.chunkId);
    expect(fromChunk.chunks.every((c) => c.chunkId !== fromChunk.of.chunkId)).toBe(true);
    const vocabulary = await fx.call('explore.vocabulary', { limit: 10 });
    expect(vocabulary.terms).toHaveLength(10);
  });
});
