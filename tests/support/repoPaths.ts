import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const lociBin = path.join(repoRoot, 'bin', 'loci.mjs');
export const sharedDataDir = path.resolve(repoRoot, process.env.LOCI_SHARED_DATA ?? '../shared/data');
