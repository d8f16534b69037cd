import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/events';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { spawnWorkerAt } from '../../../src/main/core/workers/spawnWorker';
import { startCoreProcess } from '../../../src/main/electron/coreProcess';
import { WorkerUtilityProcess } from '../../support/fakeElectron';
import { makeTempDir } from '../../support/tempDir';

/**
 * The main process's handle on the core (coreProcess.ts) against the real core host (coreHost.ts,
 * createCore on a temp library). Only Electron's utility process is faked, by a worker thread.
 */
describe('the core process handle', () => {
  const temp = makeTempDir('loci-core-process-');
  const hostEntry = new URL('../../support/fakeUtilityProcessHost.ts', import.meta.url);
  const children: WorkerUtilityProcess[] = [];
  afterAll(async () => {
    await Promise.all(children.map((c) => c.worker.terminate()));
    temp.cleanup();
  });

  function start(name: string, onEvent: (event: string, payload: unknown) => void = () => undefined) {
    return startCoreProcess(
      () => {
        const child = new WorkerUtilityProcess(spawnWorkerAt(hostEntry));
        children.push(child);
        return child;
      },
      'coreHost.js',
      {
        appVersion: 'test',
        dataDir: path.join(temp.dir, name, 'data'),
        libraryDir: path.join(temp.dir, name, 'library'),
        resourcesDir: sourceResourcesDir(),
        watch: false,
      },
      onEvent,
    );
  }

  it('answers concurrent calls each with its own result and passes core events on', async () => {
    const events: string[] = [];
    const core = start('a', (event) => events.push(event));
    await core.ready;
    const echoes = Array.from({ length: 20 }, (_, i) => `call ${i}`);
    const results = await Promise.all(echoes.map((echo) => core.call('app.ping', { echo })));
    expect(results.map((r) => (r.ok ? (r.value as { echo: string }).echo : r.error.code))).toEqual(echoes);
    expect(await core.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    const docs = path.join(temp.dir, 'docs');
    fs.mkdirSync(docs, { recursive: true });
    fs.writeFileSync(path.join(docs, 'note.txt'), 'Boundary layers on swept wings at high speed.\n');
    const added = await core.call('library.add', { paths: [docs] });
    expect(added.ok).toBe(true);
    const { jobId } = (added as { value: { jobId: string } }).value;
    for (;;) {
      const jobs = await core.call('jobs.list', {});
      const job = jobs.ok ? (jobs.value as JobProgress[]).find((j) => j.jobId === jobId) : undefined;
      if (job && job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(events).toContain('job.progress');
    expect(events).toContain('library.changed');
    core.shutdown();
  });

  it('answers UNAVAILABLE for a call pending when the core process dies, and for later calls', async () => {
    const core = start('b');
    await core.ready;
    const pending = core.call('app.info', {});
    children.at(-1)!.kill();
    const stopped = { ok: false, status: 503, error: { code: 'UNAVAILABLE' } };
    expect(await pending).toMatchObject(stopped);
    expect(await core.call('app.ping', {})).toMatchObject(stopped);
  });
});
