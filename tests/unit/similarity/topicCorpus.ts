import fs from 'node:fs';
import path from 'node:path';

/**
 * A small library of Markdown notes on three clearly separate topics, written by test code: real text
 * for the real embedding model, so topic blocks, cluster labels, duplicates and drift have known
 * answers. File dates are spread over months (mtime) for the time-drift heatmap. Also one byte-for-byte
 * copy (exact duplicate) and one lightly edited copy (near-duplicate).
 */

export const topics = {
  aviation: [
    'Swept wings delay the onset of compressibility drag near the speed of sound.',
    'The airfoil camber and the angle of attack decide how much lift the wing produces.',
    'Flaps and slats raise the maximum lift coefficient so the aircraft can land slowly.',
    'Induced drag falls as the wing aspect ratio grows, which is why gliders have long wings.',
    'A stall happens when the airflow separates from the upper surface of the wing.',
    'Jet engines burn kerosene and push the aircraft forward with a stream of hot exhaust.',
    'Winglets reduce the wingtip vortices and save fuel on long flights.',
    'Pilots trim the elevator so the aircraft holds its pitch without force on the controls.',
  ],
  river: [
    'Beavers build dams that slow the river and widen the wetland behind them.',
    'Young salmon grow in quiet pools before they swim out to sea.',
    'Willows and alders on the riverbank shade the water and keep it cool for trout.',
    'Floods carry gravel downstream and rebuild the spawning beds of the fish.',
    'Otters hunt crayfish and eels along the muddy banks of the stream.',
    'Dragonfly larvae live in the river for years before they climb out on a reed.',
    'Fertiliser washing off the fields feeds algae blooms that choke the river.',
    'Herons stand still in the shallows and spear small fish with their beaks.',
  ],
  baking: [
    'A sourdough starter is a culture of wild yeast and lactic acid bacteria.',
    'Kneading the dough develops the gluten network that traps the gas.',
    'Rye flour has little gluten and makes a dense, moist loaf.',
    'The oven needs steam in the first minutes so the crust stays soft while the bread rises.',
    'Proofing the dough overnight in the fridge deepens the sour flavour of the bread.',
    'Butter folded into the dough in thin layers makes flaky croissants.',
    'A hot baking stone gives pizza a crisp base in a few minutes.',
    'Salt tightens the gluten and slows the yeast, so it is weighed carefully.',
  ],
} as const;

export type Topic = keyof typeof topics;

export interface CorpusFile {
  file: string;
  topic: Topic;
  title: string;
  /** The file's modification time (epoch ms). */
  mtime: number;
}

/** Deterministic rotation of a topic's sentences, so every note on a topic is different but on topic. */
function note(topic: Topic, index: number): string {
  const pool = topics[topic];
  const lines = Array.from({ length: 5 }, (_, i) => pool[(index * 3 + i * 2) % pool.length]);
  return `${lines.slice(0, 3).join(' ')}\n\n${lines.slice(3).join(' ')}\n`;
}

/**
 * Writes `perTopic` notes per topic into `dir` (created) plus `copy-of-...` (exact duplicate) and
 * `edited-...` (near duplicate) of the first aviation note. Notes of topic t are dated in month t of
 * 2023 plus a day per note, so each topic is its own time window.
 */
export function writeTopicCorpus(dir: string, perTopic = 3): CorpusFile[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: CorpusFile[] = [];
  (Object.keys(topics) as Topic[]).forEach((topic, t) => {
    for (let i = 0; i < perTopic; i++) {
      const title = `${topic} note ${i + 1}`;
      const file = path.join(dir, `${topic}-${i + 1}.md`);
      const mtime = Date.UTC(2023, t * 2, 3 + i);
      fs.writeFileSync(file, `# ${title}\n\n${note(topic, i)}`);
      fs.utimesSync(file, mtime / 1000, mtime / 1000);
      files.push({ file, topic, title, mtime });
    }
  });
  const first = files[0] as CorpusFile;
  const text = fs.readFileSync(first.file, 'utf8');
  const copy = path.join(dir, 'copy-of-aviation-1.md');
  fs.writeFileSync(copy, text);
  const edited = path.join(dir, 'edited-aviation-1.md');
  fs.writeFileSync(
    edited,
    text.replace('# aviation note 1', '# aviation note 1 (edited)').replace('.', ', as every pilot knows.'),
  );
  for (const f of [copy, edited]) fs.utimesSync(f, first.mtime / 1000, first.mtime / 1000);
  files.push({ file: copy, topic: 'aviation', title: first.title, mtime: first.mtime });
  files.push({ file: edited, topic: 'aviation', title: 'aviation note 1 (edited)', mtime: first.mtime });
  return files;
}
