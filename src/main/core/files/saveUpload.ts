import fs from 'node:fs/promises';
import path from 'node:path';
import { LociError } from '../../../shared/api/errors';

/**
 * Writes one file uploaded from the browser into the folder the user chose. Never overwrites (an
 * existing name gets " (2)", " (3)"...), never leaves the folder (names with separators are refused by
 * the contract), and writes through a temp file so a half-uploaded file is never indexed.
 */
export async function saveUpload(targetDir: string, name: string, data: Buffer): Promise<string> {
  const dir = path.resolve(targetDir);
  await fs.mkdir(dir, { recursive: true });
  const { name: base, ext } = path.parse(name);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${base} (${n})${ext}`);
    if (path.dirname(candidate) !== dir) throw new LociError('INVALID_INPUT', 'Invalid file name');
    const tmp = path.join(dir, `.${path.basename(candidate)}.${process.pid}.uploading`);
    await fs.writeFile(tmp, data);
    try {
      // link() fails with EEXIST instead of replacing, which rename() would do silently.
      await fs.link(tmp, candidate);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
  throw new LociError('CONFLICT', `Too many files named like ${name} in ${dir}`);
}
