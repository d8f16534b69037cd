import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { HfFolderConfig } from './readHfFolder';

async function hashFile(hash: ReturnType<typeof createHash>, file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
}

/**
 * `sha256:<hex>` over everything that decides an hf-onnx model's vectors: the ONNX weights (and an
 * external-data file next to them, if any), tokenizer.json and tokenizer_config.json, and the resolved pooling, length limit,
 * prefixes and output. Vectors stored with different fingerprints are never compared.
 */
export async function fingerprintHfFolder(cfg: HfFolderConfig): Promise<string> {
  const hash = createHash('sha256');
  hash.update('loci-hf-onnx-v1\0');
  await hashFile(hash, cfg.modelPath);
  for (const extra of [`${cfg.modelPath}_data`, `${cfg.modelPath}.data`]) {
    if (
      await fs.stat(extra).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      await hashFile(hash, extra);
  }
  hash.update('\0');
  await hashFile(hash, cfg.tokenizerPath);
  // tokenizer_config.json switches some tokenizer behaviour (lower-casing, accent stripping) too.
  hash.update(`\0${JSON.stringify(cfg.tokenizerConfig)}`);
  const settings = {
    pooling: cfg.pooling,
    maxTokens: cfg.maxTokens,
    prefixes: cfg.prefixes,
    output: cfg.output ?? null,
    normalized: true,
  };
  hash.update(`\0${JSON.stringify(settings)}`);
  return `sha256:${hash.digest('hex')}`;
}
