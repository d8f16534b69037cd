/**
 * Turns a drop into a flat list of files. Folders dropped from the desktop are walked (their files are
 * uploaded side by side, since upload names cannot carry folders); plain file drops use `files`.
 */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return [...data.files];
  const files: File[] = [];
  for (const entry of entries) await collect(entry!, files, 0);
  return files;
}

async function collect(entry: FileSystemEntry, out: File[], depth: number): Promise<void> {
  if (entry.isFile) {
    out.push(
      await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)),
    );
    return;
  }
  if (!entry.isDirectory || depth > 20) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call; call until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) {
      if (!child.name.startsWith('.')) await collect(child, out, depth + 1);
    }
  }
}
