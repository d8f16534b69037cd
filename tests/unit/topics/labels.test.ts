import { describe, expect, it } from 'vitest';
import { labelClusters, labelTerms } from '../../../src/main/core/topics/clusterLabels';

const boilerplate = 'This report continues the discussion with more detail, as the previous page said.';
const texts = [
  `Wings and airfoils: lift rises with the angle of attack until the wing stalls. ${boilerplate}`,
  `The airfoil boundary layer separates at high angle of attack; lift falls. ${boilerplate}`,
  `Swept wings delay compressibility drag; the airfoil section matters. ${boilerplate}`,
  `Sourdough bread needs a starter of wild yeast; the dough rises overnight. ${boilerplate}`,
  `Rye bread and sourdough: yeast, flour, water and salt make the dough. ${boilerplate}`,
  `Knead the dough, let the yeast work, bake the bread hot. ${boilerplate}`,
  `Beavers build dams that slow the river and widen the wetland for salmon. ${boilerplate}`,
  `Salmon return up the river to spawn; the wetland shelters the young. ${boilerplate}`,
  `River wetland ecology: beavers, salmon and willows. ${boilerplate}`,
  // One long text repeating its own pet word must not name its cluster.
  `Salmon salmon river. Zeppelin zeppelin zeppelin zeppelin zeppelin zeppelin zeppelin. ${boilerplate}`,
];
const cluster = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];

describe('cluster labels (class-based TF-IDF)', () => {
  const labels = labelClusters(texts, cluster, 3);

  it('names each cluster by its distinctive words', () => {
    expect(labels[0]?.terms).toEqual(expect.arrayContaining(['airfoil']));
    expect(labels[0]?.terms.some((t) => ['wing', 'wings', 'lift', 'attack', 'angle'].includes(t))).toBe(true);
    expect(labels[1]?.terms).toEqual(expect.arrayContaining(['bread', 'dough', 'yeast']));
    expect(labels[2]?.terms.some((t) => ['salmon', 'river', 'wetland', 'beavers'].includes(t))).toBe(true);
    expect(labels.every((l) => l.terms.length === 3 && l.label === l.terms.join(' · '))).toBe(true);
  });

  it('never uses stop words, boilerplate every point carries, or one member’s pet word', () => {
    const all = labels.flatMap((l) => l.terms);
    for (const word of [
      'the',
      'and',
      'this',
      'report',
      'continues',
      'discussion',
      'detail',
      'page',
      'previous',
    ])
      expect(all).not.toContain(word);
    expect(all).not.toContain('zeppelin');
  });

  it('tokenises to lower-case words of three letters or more, without stop words or numbers', () => {
    expect(labelTerms('The Mach 2 airflow over a délta-wing, Figure 3, and its éclat')).toEqual([
      'mach',
      'airflow',
      'délta-wing',
      'éclat',
    ]);
  });
});
