import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandArgs, UsageError, type CliCommand } from '../../../src/main/cli/command';
import { command as embed } from '../../../src/main/cli/commands/embed';
import { command as models } from '../../../src/main/cli/commands/models';
import { SettingsStore } from '../../../src/main/core/settings/settingsStore';
import { lociBin, repoRoot } from '../../support/repoPaths';
import { writeTinyBertModelFolder } from '../../support/tinyBert';

let root: string;
let env: NodeJS.ProcessEnv;
let modelDir: string;

/** Runs a command as the CLI would, with in-memory stdout/stderr. */
async function run(
  cmd: CliCommand,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d: Buffer) => out.push(d.toString()));
  stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const args = parseCommandArgs(cmd, argv, env);
  const code = await cmd.run(args, {
    stdout,
    stderr,
    interactive: false,
    signal: new AbortController().signal,
    env,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-cli-embed-'));
  env = { LOCI_DATA_DIR: path.join(root, 'data') };
  modelDir = await writeTinyBertModelFolder(path.join(root, 'nomic-embed-text-v1.5'), {
    hidden: 48,
    layers: 1,
    seed: 8,
    name: 'nomic-ai/nomic-embed-text-v1.5',
  });
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('loci models / loci embed', () => {
  it('models list shows the built-in models (use-lite in fp32 and int8)', async () => {
    const r = await run(models, 'list', '--json');
    expect(r.code).toBe(0);
    const { models: list } = JSON.parse(r.stdout);
    expect(list).toEqual([
      expect.objectContaining({ id: 'use-lite', builtIn: true, dims: 512, kind: 'use-lite' }),
      expect.objectContaining({ id: 'use-lite-int8', builtIn: true, dims: 512, kind: 'use-lite' }),
    ]);
  });

  it('models import checks and registers a folder', async () => {
    const r = await run(models, 'import', modelDir, '--id', 'nomic-tiny', '--json');
    expect(r.stderr).toContain('Checking');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).model).toMatchObject({ id: 'nomic-tiny', dims: 48, builtIn: false });
    const table = await run(models, 'list');
    expect(table.stdout).toMatch(/^ID\s+KIND\s+DIMS\s+MAX TOKENS\s+SOURCE$/m);
    expect(table.stdout).toMatch(/^use-lite\s+use-lite\s+512\s+128\s+built-in$/m);
    expect(table.stdout).toMatch(/^nomic-tiny\s+hf-onnx\s+48\s+128\s+imported from /m);
  });

  it('models import of a broken folder says what is wrong, exit code 1', async () => {
    const broken = await writeTinyBertModelFolder(path.join(root, 'broken'), { hidden: 16, layers: 1 });
    await fs.rm(path.join(broken, 'tokenizer.json'));
    const r = await run(models, 'import', broken, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no tokenizer.json');
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'MODEL_INVALID', message: expect.stringContaining('has no tokenizer.json') },
    });
  });

  it('embed --json prints one unit vector per text with the model fingerprint', async () => {
    const r = await run(
      embed,
      '--model',
      'nomic-tiny',
      '--json',
      '--purpose',
      'passage',
      'shock wave',
      'a longer text about lift',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const listed = JSON.parse((await run(models, 'list', '--json')).stdout).models.find(
      (m: { id: string }) => m.id === 'nomic-tiny',
    );
    expect(out.model).toEqual({ id: 'nomic-tiny', dims: 48, fingerprint: listed.fingerprint });
    expect(out.vectors).toHaveLength(2);
    for (const v of out.vectors) {
      expect(v).toHaveLength(48);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    // "search_document: " (nomic's passage prefix) adds 4 tokens to [CLS] shock wave [SEP].
    expect(out.tokens[0]).toBe(8);
    expect(out.truncated).toEqual([false, false]);
  });

  it('embed uses the built-in model by default and prints a readable summary', async () => {
    const r = await run(embed, 'hello world');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Universal Sentence Encoder Lite (int8) (use-lite-int8): 512 dims');
    expect(r.stdout).toMatch(/\[1\] "hello world"\n {4}\d+ tokens, norm 1\.0000, \[(-?\d\.\d{4}, ){6}…\]/);
  });

  it('embed reports an unknown model and bad arguments', async () => {
    const r = await run(embed, '--model', 'nope', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no model "nope" (known models: use-lite, use-lite-int8, nomic-tiny)');
    await expect(run(embed)).rejects.toBeInstanceOf(UsageError);
    await expect(run(embed, '--purpose', 'document', 'x')).rejects.toBeInstanceOf(UsageError);
    await expect(run(models, 'frob')).rejects.toBeInstanceOf(UsageError);
  });

  it('models remove deletes an imported model and refuses the built-in one', async () => {
    const builtIn = await run(models, 'remove', 'use-lite');
    expect(builtIn.code).toBe(1);
    expect(builtIn.stderr).toContain('built in and cannot be removed');
    // Removing the default model resets the default, as the app's models.remove does.
    await SettingsStore.inDataDir(env.LOCI_DATA_DIR!).set({ defaultModel: 'nomic-tiny' });
    const r = await run(models, 'remove', 'nomic-tiny', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ removed: 'nomic-tiny' });
    expect((await SettingsStore.inDataDir(env.LOCI_DATA_DIR!).get()).defaultModel).toBe('use-lite-int8');
    expect(
      JSON.parse((await run(models, 'list', '--json')).stdout).models.map((m: { id: string }) => m.id),
    ).toEqual(['use-lite', 'use-lite-int8']);
  });

  it('works through the real loci entry point and exits when done', () => {
    const r = spawnSync(
      process.execPath,
      [lociBin, 'embed', '--json', '--purpose', 'passage', 'hello world'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 60_000,
      },
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model.id).toBe('use-lite-int8');
    expect(out.vectors[0]).toHaveLength(512);
    expect(out.tokens).toEqual([expect.any(Number)]);
  });
});
