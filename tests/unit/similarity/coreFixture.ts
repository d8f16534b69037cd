import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { writeTopicCorpus, type CorpusFile } from './topicCorpus';

export interface CoreFixture {
  root: string;
  core: Core;
  files: CorpusFile[];
  /** Validates the input against the contract (defaults applied), then calls the handler. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  close(): Promise<void>;
}

/**
 * A real core (LanceDB on a temp dir, the built-in use-lite model on ONNX Runtime) with the topic
 * corpus ingested through `library.add`, as the app would do it.
 */
export async function coreWithTopicLibrary(perTopic = 3): Promise<CoreFixture> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-similarity-'));
  const files = writeTopicCorpus(path.join(root, 'notes'), perTopic);
  const core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const parsed = contract[method].input.parse(input) as never;
    return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
  };
  const { jobId } = await call('library.add', { paths: [path.join(root, 'notes')] });
  await core.jobs.wait(jobId);
  return {
    root,
    core,
    files,
    call,
    close: async () => {
      await core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
