import type { SourceFile } from '../src/main/core/ingest/types';
import { walkSources } from '../src/main/core/ingest/walkSources';

/** The PDF sample the ingest benches share (bench:ingest, bench:ingest-cpu): same files, same order. */

/** Every PDF under `dir`, sorted by path. */
export async function findPdfs(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for await (const entry of walkSources([dir])) {
    if (entry.type === 'file' && entry.file.kind === 'pdf') files.push(entry.file);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Every `step`th file of the sorted list, `count` of them (a fixed subset across all packages). */
export function sampleEvenly(files: SourceFile[], count: number): { files: SourceFile[]; step: number } {
  const step = Math.max(1, Math.floor(files.length / count));
  return { files: files.filter((_, i) => i % step === 0).slice(0, count), step };
}
