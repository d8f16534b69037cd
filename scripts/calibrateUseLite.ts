/**
 * `npm run models:calibrate`: observes the activation ranges of the float use-lite model over
 * src/main/core/embed/use-lite/int8/calibration.txt and writes them to ranges.json beside it. Run it
 * once after the converter's float graph changes (the int8 build then fails, naming the activation it
 * has no range for) and commit the result; `npm run models:build` only reads the file.
 *
 *   node bin/run-ts.mjs scripts/calibrateUseLite.ts
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONVERTER_VERSION,
  convertUseLite,
  useLiteSource,
} from '../src/main/core/embed/use-lite/buildUseLiteModel';
import { calibrateUseLite, CALIBRATION_TEXT } from '../src/main/core/embed/use-lite/int8/calibrateUseLite';
import { int8RangesFile, RANGES_FILE } from '../src/main/core/embed/use-lite/int8/int8Ranges';
import { SentencePieceTokenizer } from '../src/main/core/embed/use-lite/sentencePiece';

async function main(): Promise<void> {
  const started = performance.now();
  const source = await useLiteSource();
  const converted = await convertUseLite(source.dir);
  const tokenizer = await SentencePieceTokenizer.fromFile(path.join(source.dir, 'vocab.json'));
  const ranges = await calibrateUseLite(converted.model, tokenizer, 128);
  const file = int8RangesFile(ranges, {
    converterVersion: CONVERTER_VERSION,
    sourceVersion: source.version,
    calibrationSha256: createHash('sha256')
      .update(await readFile(CALIBRATION_TEXT))
      .digest('hex'),
  });
  await writeFile(RANGES_FILE, `${JSON.stringify(file, null, 2)}\n`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `loci: wrote ${Object.keys(ranges).length} activation ranges to ${path.relative(process.cwd(), RANGES_FILE)} (${ms} ms)`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`loci: calibration failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
