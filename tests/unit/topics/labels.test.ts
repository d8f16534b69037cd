import stopwordsIso from 'stopwords-iso/stopwords-iso.json';
import { describe, expect, it } from 'vitest';
import { TermCounter } from '../../../src/main/core/topics/keyTerms';
import { detectLanguage } from '../../../src/main/core/topics/stopWords';
import { labelTexts, labelTopics } from '../../../src/main/core/topics/topicLabels';

const iso = stopwordsIso as Record<string, string[]>;
const words = (labels: Array<{ terms: string[] }>) =>
  labels.flatMap((l) => l.terms.flatMap((t) => t.split(' ')));

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

describe('topic labels (class-based TF-IDF against the library)', () => {
  const labels = labelTexts(texts, cluster, 3);

  it('names each cluster by its distinctive words', () => {
    expect(labels[0]?.terms.every((t) => /airfoil|wing|lift|angle|attack|drag/.test(t))).toBe(true);
    expect(labels[1]?.terms.some((t) => ['bread', 'dough', 'yeast', 'sourdough'].includes(t))).toBe(true);
    expect(labels[2]?.terms.some((t) => ['salmon', 'river', 'wetland', 'beavers'].includes(t))).toBe(true);
    expect(labels.every((l) => l.terms.length === 3 && l.label === l.terms.join(' · '))).toBe(true);
  });

  it('never uses stop words, boilerplate every document carries, or one member’s pet word', () => {
    const all = words(labels);
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

  it('uses no stop word of any language present (French, German, English), detected per document', () => {
    const french = [
      'Le pain au levain est fait avec de la farine, de l’eau et du sel. Pour une bonne croûte, le four doit être très chaud et la pâte doit lever pendant la nuit dans une corbeille.',
      'La boulangerie artisanale utilise des levains naturels pour le pain de campagne. Les boulangers pétrissent la pâte à la main et la farine de seigle donne une mie dense.',
      'Pour réussir une baguette, il faut une pâte bien hydratée, un pétrissage doux et une cuisson avec de la vapeur dans le four du boulanger. Le levain et la farine comptent.',
    ];
    const german = [
      'Die Dampflokomotive der Eisenbahn zieht den Güterzug über die Brücke. Der Lokführer prüft den Kessel und die Bremsen, bevor der Zug den Bahnhof verlässt.',
      'Eine elektrische Lokomotive bezieht ihren Strom aus der Oberleitung. Die Eisenbahn hat mit dem Fahrplan und den Signalen am Bahnhof viel zu tun.',
      'Im Bahnhof wird der Zug gewendet und die Lokomotive umgesetzt. Die Eisenbahn nutzt für den Güterverkehr schwere Loks mit vielen Achsen und starken Bremsen.',
    ];
    const english = [
      'The sailing boat tacks into the wind while the crew trims the mainsail and the jib. A keel keeps the hull upright when the breeze picks up on the harbour.',
      'Sailors reef the mainsail when the wind rises, and the skipper steers the boat by the tiller. The hull heels, and the keel resists the sideways push of the sails.',
      'A racing yacht carries a spinnaker downwind; the crew gybes the boom across the boat. The harbour regatta ends when every hull crosses the line under sail.',
    ];
    const counter = new TermCounter();
    const groups: string[][] = [[], [], []];
    [french, german, english].forEach((docs, g) =>
      docs.forEach((text, i) => {
        counter.add(`${g}-${i}`, text);
        groups[g]!.push(`${g}-${i}`);
      }),
    );
    const index = counter.finish();
    expect(new Set(index.languages.values())).toEqual(new Set(['fr', 'de', 'en']));
    expect(detectLanguage(french[0]!)).toBe('fr');
    expect(detectLanguage(german[0]!)).toBe('de');
    const topicLabels = labelTopics(index, groups);
    const stop = new Set([...iso.fr!, ...iso.de!, ...iso.en!]);
    const used = words(topicLabels);
    expect(used.length).toBeGreaterThanOrEqual(6);
    for (const w of used) expect(stop.has(w), `${w} is a stop word`).toBe(false);
    expect(topicLabels[0]!.terms.some((t) => /levain|farine|pâte|boulang|four/.test(t))).toBe(true);
    expect(topicLabels[1]!.terms.some((t) => /lokomotive|eisenbahn|bahnhof|zug/.test(t))).toBe(true);
  });

  it('never gives two clusters one label, nor one word to two labels ("package · commands · …" twice)', () => {
    // Two clusters of LaTeX package manuals share "package" and "commands"; two others are unrelated.
    const manual = (topic: string, i: number) =>
      `The ${topic} package provides commands for ${topic} handling. Load the package, then use its commands. ` +
      `Package commands ${topic} option ${i}.`;
    const texts2 = [
      ...[0, 1, 2].map(
        (i) => `${manual('version', i)} Version numbers, version history and release version tags.`,
      ),
      ...[0, 1, 2].map(
        (i) => `${manual('latex', i)} LaTeX macros, latex kernels and latex document classes.`,
      ),
      ...[0, 1, 2].map(
        (i) => `Gardening notes ${i}: tomatoes need sun, compost and regular watering of the beds.`,
      ),
      ...[0, 1, 2].map(
        (i) => `Cycling notes ${i}: chain oil, tyre pressure and gear cables keep a bicycle rolling.`,
      ),
    ];
    const cluster2 = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
    const result = labelTexts(texts2, cluster2, 4);
    expect(new Set(result.map((l) => l.label)).size).toBe(4);
    const all = words(result);
    expect(new Set(all).size).toBe(all.length);
    expect(result[0]!.label).not.toBe(result[1]!.label);
    expect(result[0]!.terms.join(' ')).toContain('version');
    expect(result[1]!.terms.join(' ')).toContain('latex');
  });

  it('prefers a two-word phrase when its words mostly occur together', () => {
    const texts3 = [
      ...[0, 1, 2].map(
        (i) =>
          `Boundary layer flow over a plate ${i}. The boundary layer thickens downstream; boundary layer suction.`,
      ),
      ...[0, 1, 2].map(
        (i) => `Heat transfer in pipes ${i}: convection, conduction, radiators and coolant temperature.`,
      ),
      ...[0, 1, 2].map(
        (i) => `Bird migration ${i}: swallows, geese and storks cross continents every autumn.`,
      ),
    ];
    const result = labelTexts(texts3, [0, 0, 0, 1, 1, 1, 2, 2, 2], 3);
    expect(result[0]!.terms).toContain('boundary layer');
    expect(result[0]!.terms).not.toContain('boundary');
    expect(result[0]!.terms).not.toContain('layer');
  });
});
