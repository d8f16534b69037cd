import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as library from '../../../src/shared/api/methods/library';
import * as search from '../../../src/shared/api/methods/search';
import {
  documentKinds,
  documentStatuses,
  kindLabels,
  searchModes,
} from '../../../src/renderer/src/components/vocabulary';
import { repoRoot } from '../../support/repoPaths';

describe("the renderer's vocabulary is the contract's", () => {
  it('lists the very kinds, statuses and modes the schemas accept', () => {
    expect(documentKinds).toBe(library.documentKinds);
    expect(documentStatuses).toBe(library.documentStatuses);
    expect(searchModes).toBe(search.searchModes);
  });

  it('names every kind of the contract on screen, each differently', () => {
    for (const kind of library.documentKinds) expect(kindLabels[kind], kind).toMatch(/\S/);
    const labels = library.documentKinds.map((k) => kindLabels[k]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('takes the lists from a module that imports nothing (no zod in the page bundle)', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'src/shared/api/enumerations.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
