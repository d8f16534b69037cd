import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { makePdf } from './makePdf';
import { postApi, type ServedLoci } from './serveProcess';

/**
 * Fixture documents and helpers for the browser tests: real PDFs (makePdf) with text on known pages,
 * a broken file, and typed API calls against the `loci serve` under test.
 */

/** Distinctive passages and the page (1-based) each one sits on, so tests can assert where the viewer lands. */
export const passages = {
  wing: {
    file: 'wing-design.pdf',
    page: 3,
    text: 'Swept wings delay the onset of compressibility drag near the speed of sound, which is why airliners cruise with wings swept back about thirty degrees.',
  },
  river: {
    file: 'river-ecology.pdf',
    page: 2,
    text: 'Beavers build dams that slow the river, widen the wetland and give young salmon quiet pools in which to grow before they swim out to sea.',
  },
  bread: {
    file: 'baking-notes.md',
    page: null,
    text: 'A sourdough starter is a living culture of wild yeast and lactic acid bacteria that leavens the bread and gives it a sour taste.',
  },
} as const;

const filler = [
  'This page holds ordinary background text about the subject of the document.',
  'It mentions measurements, observations and a few remarks from the field notes.',
  'Nothing here is meant to match the test queries in particular.',
];

// Longer prose around the wing passage, so the page holds several chunks and the viewer must mark one
// of them rather than the whole page.
const wingContext = {
  before: [
    'Early aircraft flew slowly enough that the air around them behaved as if it could not be compressed.',
    'Designers chose straight wings with thick sections because they gave generous lift at low speed and',
    'left room for fuel tanks and landing gear. As engines grew stronger and cruising speeds rose, pilots',
    'reported buffeting, heavy controls and a sudden rise in drag well before the aircraft reached the',
    'speed of sound. Wind tunnel studies traced these effects to local pockets of supersonic flow over the',
    'upper surface of the wing, ending in shock waves that thickened the boundary layer and made it separate.',
  ].join(' '),
  after: [
    'Sweep is not free. A swept wing produces less lift at low speed, so it needs slats and flaps for take-off',
    'and landing, and its tips tend to stall first, which can pitch the nose up at the worst moment.',
    'Engineers answer with wing fences, twist that lowers the angle of attack towards the tips, and careful',
    'placement of the engines. The structure is heavier too, because the bending loads run along a longer',
    'spar. Modern supercritical aerofoils, with a flatter upper surface and a cusp near the trailing edge,',
    'allow a little less sweep for the same cruise speed and so win back some of that weight.',
    'Later chapters compare the measured pressure distributions of three wings of different sweep and',
    'discuss how winglets reduce the induced drag that remains once compressibility has been tamed.',
  ].join(' '),
};

function pagesWith(passage: string, atPage: number, pageCount: number, topic: string): string[] {
  const long = topic === 'Wing design';
  return Array.from({ length: pageCount }, (_, i) =>
    i + 1 === atPage
      ? long
        ? `${topic}, page ${i + 1}\n\n${wingContext.before}\n\n${passage}\n\n${wingContext.after}`
        : `${topic}, page ${i + 1}\n\n${passage}\n\n${filler.join('\n')}`
      : `${topic}, page ${i + 1}\n\n${filler.join('\n')}\nSection ${i + 1} of the ${topic.toLowerCase()} report.`,
  );
}

/**
 * A folder of documents: two PDFs with a passage on a known page, a Markdown note, and a garbage file
 * named .pdf that must be listed as failed with a reason. Also a hidden folder the picker must not show.
 */
export function writeFixtureFolder(dir: string): { folder: string; brokenFile: string } {
  const folder = path.join(dir, 'papers');
  fs.mkdirSync(path.join(dir, '.hidden-stuff'), { recursive: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, passages.wing.file),
    makePdf(pagesWith(passages.wing.text, passages.wing.page, 4, 'Wing design'), {
      title: 'Wing design notes',
      // The document's own date (the Library table's Date column shows it, "Over time" groups by it).
      info: { CreationDate: "D:19990415103000+02'00'" },
    }),
  );
  fs.writeFileSync(
    path.join(folder, passages.river.file),
    makePdf(pagesWith(passages.river.text, passages.river.page, 3, 'River ecology'), {
      title: 'River ecology',
      info: { CreationDate: 'D:20120301' },
    }),
  );
  fs.writeFileSync(
    path.join(folder, passages.bread.file),
    `# Baking notes\n\n## Sourdough\n\n${passages.bread.text}\n\n## Rye\n\nRye flour has little gluten and makes a dense loaf.\n`,
  );
  const brokenFile = path.join(folder, 'broken.pdf');
  fs.writeFileSync(
    brokenFile,
    Buffer.from('this is not a PDF at all, just garbage bytes \x00\x01\x02 %%EOF', 'latin1'),
  );
  return { folder, brokenFile };
}

/** `count` multi-page PDFs, enough work for an ingest to be cancelled while it runs. */
export function writeManyPdfs(folder: string, count: number, pagesEach = 6): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(folder, `report-${String(i + 1).padStart(3, '0')}.pdf`);
    const pages = Array.from({ length: pagesEach }, (_, p) =>
      [
        `Report ${i + 1}, page ${p + 1}: notes on topic number ${(i * 7 + p) % 23}.`,
        ...filler,
        `The measured value on this page was ${(i * 31 + p * 17) % 997} units, recorded by observer ${i % 5}.`,
        'Further paragraphs discuss methods, instruments, calibration and the weather during the survey.',
      ].join('\n'),
    );
    fs.writeFileSync(file, makePdf(pages, { title: `Report ${i + 1}` }));
    files.push(file);
  }
  return files;
}

/**
 * `expect.poll` with a patient default: on 2 shared cores a UI update after a real core call can take
 * a few seconds, and vitest's default (1 s) would make the tests flaky rather than stricter.
 */
export function eventually<T>(
  fn: () => T | Promise<T>,
  options: { timeout?: number; interval?: number } = {},
) {
  return expect.poll(fn, { timeout: 15_000, interval: 100, ...options });
}

/** A typed-enough API call against the served core; throws on a non-2xx answer. */
export async function api<T = unknown>(served: ServedLoci, method: string, input: unknown = {}): Promise<T> {
  const res = await postApi(served.origin, method, input, served.token);
  if (res.status !== 200) throw new Error(`${method} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface StatusCounts {
  documents: {
    total: number;
    ok: number;
    failed: number;
    encrypted: number;
    skipped: number;
    timeout: number;
  };
  chunks: number;
  activeJob: string | null;
  sources: Array<{ path: string; documents: number }>;
}

/** Waits until no ingest or sync job runs (polls `library.status`). */
export async function waitForIdle(served: ServedLoci, timeoutMs = 120_000): Promise<StatusCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await postApi(served.origin, 'library.status', {}, served.token);
    // Also while the first ingest is still creating the library, status must answer (as empty).
    if (res.status !== 200)
      throw new Error(`library.status -> ${res.status} ${JSON.stringify(res.body)}\n${served.output()}`);
    const status = res.body as StatusCounts;
    if (!status.activeJob) return status;
    if (Date.now() > deadline) throw new Error(`library still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens the served app in a new tab and records page errors (a test can assert there were none). */
export async function openApp(
  context: BrowserContext,
  served: ServedLoci,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.url);
  await page.getByRole('tab', { name: 'Library' }).waitFor();
  return { page, errors };
}

/**
 * Adds a folder through the "Add folder…" dialog the way a keyboard user would: types the parent's
 * path, then walks the listbox with the arrow keys to the folder, opens it with Enter and confirms.
 */
export async function addFolderWithDialog(page: Page, folder: string): Promise<void> {
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'Add folder…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a folder to the library' });
  // Wait for the first listing (home), so it cannot land in the middle of typing the path.
  await eventually(() => dialog.getByLabel('Folder path').inputValue()).not.toBe('');
  await dialog.getByLabel('Folder path').fill(path.dirname(folder));
  await dialog.getByLabel('Folder path').press('Enter');
  const list = dialog.getByRole('listbox', { name: 'Folder contents' });
  await eventually(() => list.getByRole('option', { name: path.basename(folder) }).count()).toBe(1);
  await list.focus();
  for (let i = 0; i < 50; i++) {
    const selected = await list.getByRole('option', { selected: true }).textContent();
    if (selected?.includes(path.basename(folder))) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await eventually(() => dialog.getByLabel('Folder path').inputValue()).toBe(folder);
  await dialog.getByRole('button', { name: 'Add this folder' }).click();
  await eventually(() => dialog.count()).toBe(0);
}
