import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { sourceResourcesDir } from '../../../src/main/core/config';
import type { SystemOpener } from '../../../src/main/core/files/systemOpener';
import { makeTempDir } from '../../support/tempDir';

/** Records what the core asks the operating system to open, instead of opening it. */
class RecordingOpener implements SystemOpener {
  readonly opened: string[] = [];
  readonly revealed: string[] = [];
  async openPath(file: string) {
    this.opened.push(file);
  }
  async showInFolder(file: string) {
    this.revealed.push(file);
  }
}

// document.bytes / openExternal / reveal take a document id, never a path, and open only the file the
// catalogue holds: a file swapped for a link out of the library after indexing is refused.
describe('document.* open only what the library indexed', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const secret = path.join(tmp.dir, 'outside', 'secret.txt');
  const opener = new RecordingOpener();
  let core: Core;
  const idOf = async (name: string) => {
    const { items } = await core.handlers['library.documents']({ filter: {}, offset: 0, limit: 10 });
    return items.find((d) => d.path.endsWith(name))!.id;
  };

  beforeAll(async () => {
    fs.mkdirSync(docs);
    fs.mkdirSync(path.dirname(secret));
    fs.writeFileSync(secret, 'private notes that were never added');
    fs.writeFileSync(path.join(docs, 'kept.txt'), 'Wind tunnels measure drag on scale models.');
    fs.writeFileSync(path.join(docs, 'swapped.txt'), 'Pressure distribution over an aerofoil.');
    core = await createCore(
      {
        appVersion: 't',
        dataDir: path.join(tmp.dir, 'data'),
        libraryDir: path.join(tmp.dir, 'library'),
        resourcesDir: sourceResourcesDir(),
        watch: false,
      },
      { opener },
    );
    await core.jobs.wait((await core.handlers['library.add']({ paths: [docs] })).jobId);
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    tmp.cleanup();
  });

  it('reads, opens and reveals an indexed file', async () => {
    const id = await idOf('kept.txt');
    const bytes = await core.handlers['document.bytes']({ id });
    expect(Buffer.from(bytes).toString()).toContain('Wind tunnels');
    await core.handlers['document.openExternal']({ id });
    await core.handlers['document.reveal']({ id });
    expect(opener.opened).toEqual([path.join(docs, 'kept.txt')]);
    expect(opener.revealed).toEqual([path.join(docs, 'kept.txt')]);
  });

  it('refuses a file replaced by a link pointing out of the library', async () => {
    const id = await idOf('swapped.txt');
    fs.rmSync(path.join(docs, 'swapped.txt'));
    fs.symlinkSync(secret, path.join(docs, 'swapped.txt'));
    for (const method of ['document.bytes', 'document.openExternal', 'document.reveal'] as const) {
      await expect(core.handlers[method]({ id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('replaced by a link'),
      });
    }
    expect(opener.opened).not.toContain(path.join(docs, 'swapped.txt'));
    expect(opener.opened).not.toContain(secret);
  });

  it('refuses ids that are not documents of the library', async () => {
    for (const id of ['../../etc/passwd', secret, 'no-such-id']) {
      await expect(core.handlers['document.bytes']({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
