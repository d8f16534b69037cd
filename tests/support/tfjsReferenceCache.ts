/**
 * A content-addressed disk cache for TF.js reference outputs. TF.js's pure-JS CPU backend needs ~20-50 ms
 * per token for USE Lite, so the whole-model parity test would spend minutes recomputing the same
 * reference on every run. Results are keyed by a hash of the model files, the TF.js version and the exact
 * feed, so any change to either side recomputes; the ONNX side is always computed live.
 * Stored under node_modules/.cache (never committed); LOCI_NO_TFJS_CACHE=1 bypasses it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface CachedTensor {
  dims: number[];
  data: Float32Array;
}

const require = createRequire(import.meta.url);

function cacheDir(): string {
  return path.join(process.cwd(), 'node_modules', '.cache', 'loci', 'tfjs-reference');
}

let tfjsVersion: string | undefined;

/** Hash of a model folder's model.json and shards plus the installed TF.js version. */
export async function modelKey(modelDir: string): Promise<string> {
  tfjsVersion ??= (
    JSON.parse(await readFile(require.resolve('@tensorflow/tfjs/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const json = await readFile(path.join(modelDir, 'model.json'));
  const h = createHash('sha256').update(tfjsVersion).update(json);
  const manifest = JSON.parse(json.toString('utf8')) as { weightsManifest: { paths: string[] }[] };
  for (const p of manifest.weightsManifest.flatMap((g) => g.paths))
    h.update(await readFile(path.join(modelDir, p)));
  return h.digest('hex');
}

/** Returns the cached value for (`modelKey`, `feed`) or computes, stores and returns it. */
export async function cachedReference(
  key: string,
  feed: unknown,
  compute: () => Promise<CachedTensor>,
): Promise<CachedTensor> {
  const id = createHash('sha256').update(key).update(JSON.stringify(feed)).digest('hex');
  const file = path.join(cacheDir(), `${id}.json`);
  if (process.env.LOCI_NO_TFJS_CACHE !== '1') {
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as { dims: number[]; data: string };
      const bytes = Buffer.from(stored.data, 'base64');
      return {
        dims: stored.dims,
        data: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice(),
      };
    } catch {
      // Not cached yet (or unreadable): compute below.
    }
  }
  const value = await compute();
  await mkdir(cacheDir(), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const data = Buffer.from(value.data.buffer, value.data.byteOffset, value.data.byteLength).toString(
    'base64',
  );
  await writeFile(tmp, JSON.stringify({ dims: value.dims, data }));
  await rename(tmp, file);
  return value;
}
