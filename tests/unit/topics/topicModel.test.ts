import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import type { DocumentHeatmap } from '../../../src/shared/api/methods/heatmap';
import type { TopicModelSummary } from '../../../src/shared/api/methods/topics';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore } from '../../../src/main/core/createCore';
import { coreWithTopicLibrary, type CoreFixture } from '../similarity/coreFixture';
import { DEFAULT_MODEL_ID } from '../../../src/main/core/embed/registry';

// The one topic model on a real library (8 notes on each of 3 topics plus two copies, use-lite):
// two levels with labels, stored with the library, and the same topics in the heatmap, the map, explore
// and the Library's topic filter.
describe('the library topic model', () => {
  let fx: CoreFixture;
  let topics: TopicModelSummary;
  const trueTopic = (docPath: string) =>
    path
      .basename(docPath)
      .replace(/^(copy-of-|edited-)/, '')
      .split('-')[0];
  const words = (label: string) => label.split(/[ ·]+/).filter(Boolean);

  beforeAll(async () => {
    fx = await coreWithTopicLibrary(8);
    topics = await fx.call('topics.get', {});
  });
  afterAll(() => fx?.close());

  it('finds the three topics, each with sub-topics, with unique labels at both levels', async () => {
    expect(topics.documents).toBe(26);
    expect(topics.topics).toHaveLength(3);
    const labels = topics.topics.map((t) => t.label);
    expect(new Set(labels).size).toBe(3);
    expect(topics.subtopics.length).toBeGreaterThan(3);
    expect(new Set(topics.subtopics.map((s) => s.label)).size).toBe(topics.subtopics.length);
    for (const t of topics.topics) {
      expect(t.terms.length).toBeGreaterThan(0);
      expect(t.subtopics.length).toBeGreaterThanOrEqual(2);
      const subSizes = t.subtopics.map((s) => topics.subtopics[s]!.size);
      expect(subSizes.reduce((a, b) => a + b, 0)).toBe(t.size);
      for (const s of t.subtopics) {
        const sub = topics.subtopics[s]!;
        expect(sub.topic).toBe(t.id);
        // A sub-topic's label adds detail: none of its topic's words.
        for (const w of words(sub.label)) expect(words(t.label)).not.toContain(w);
      }
    }
    expect(topics.silhouette).toBeGreaterThan(0);
  });

  it('the Library and search filter by topic and sub-topic; each topic holds one true topic', async () => {
    for (const t of topics.topics) {
      const { total, items } = await fx.call('library.documents', {
        filter: { topic: { topic: t.id } },
        offset: 0,
        limit: 100,
      });
      expect(total).toBe(t.size);
      expect(new Set(items.map((d) => trueTopic(d.path))).size).toBe(1);
      const sub = topics.subtopics[t.subtopics[0]!]!;
      const narrowed = await fx.call('library.documents', {
        filter: { topic: { topic: t.id, subtopic: sub.id } },
        offset: 0,
        limit: 100,
      });
      expect(narrowed.total).toBe(sub.size);
      // Search within the topic: only its documents come back, even for another topic's words.
      const ids = new Set(items.map((d) => d.id));
      const found = await fx.call('search.query', {
        q: 'wing lift drag salmon river bread dough',
        k: 50,
        filters: { topic: { topic: t.id } },
      });
      expect(found.results.length).toBeGreaterThan(0);
      for (const hit of found.results) expect(ids.has(hit.docId)).toBe(true);
    }
  });

  it('the heatmap, the map and explore show the same topics', async () => {
    const heatmap = (await fx.call('heatmap.get', { kind: 'documents' })) as DocumentHeatmap;
    expect(heatmap.rowBands.map((b) => b.label)).toEqual(topics.topics.map((t) => t.label));

    const result = await fx.call('map.get', { level: 'documents', method: 'pca', dims: 2 });
    if (result.status !== 'ready') throw new Error('PCA map not ready');
    const layout = result.layout;
    expect(layout.clusters.map((c) => c.label)).toEqual(topics.topics.map((t) => t.label));
    expect(layout.subclusters.map((c) => c.label)).toEqual(topics.subtopics.map((s) => s.label));
    for (const s of layout.subclusters) expect(s.parent).toBe(topics.subtopics[s.id]!.topic);
    // Every point wears its document's topic (the Library filter's answer).
    for (const t of topics.topics) {
      const { items } = await fx.call('library.documents', {
        filter: { topic: { topic: t.id } },
        offset: 0,
        limit: 100,
      });
      const ids = new Set(items.map((d) => d.id));
      for (let i = 0; i < layout.points; i++)
        if (ids.has(layout.docs[layout.doc[i]!]!.id)) expect(layout.cluster[i]).toBe(t.id);
    }

    const explore = await fx.call('explore.arithmetic', { plus: ['wing lift'], minus: [] });
    expect(explore.map.topics).toEqual(topics.topics.map((t) => t.label));
    expect(explore.map.pointTopics.length).toBe(explore.map.pointLabels.length);
  });

  it('is stored with the library and read back after a restart', async () => {
    const file = path.join(fx.root, 'library', 'index', 'topics', `${DEFAULT_MODEL_ID}.bin`);
    expect(fs.existsSync(file)).toBe(true);
    const again = await createCore({
      appVersion: 'test',
      dataDir: path.join(fx.root, 'data2'),
      libraryDir: path.join(fx.root, 'library'),
      resourcesDir: sourceResourcesDir(),
      threads: 1,
    });
    try {
      const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> =>
        (again.handlers[method] as (i: never) => Promise<OutputOf<M>>)(
          contract[method].input.parse(input) as never,
        );
      const read = await call('topics.get', {});
      expect(read.computedAt).toBe(topics.computedAt);
      expect(read.topics).toEqual(topics.topics);
    } finally {
      await again.close();
    }
  });
});
