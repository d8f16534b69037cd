import { ipcChannels } from '../shared/api/ipcChannels';

/**
 * Desktop drag and drop: files and folders dropped anywhere on the window are handed to the main
 * process as paths (only the preload can turn a dropped File into its path, via `webUtils`), which
 * adds them to the library. The page never sees the paths API, and `window.loci` stays two functions.
 */
export const droppedPathsChannel = ipcChannels.droppedPaths;

export interface DropTargetLike {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEventLike) => void): void;
}

export interface DragEventLike {
  preventDefault(): void;
  dataTransfer: { files: ArrayLike<File>; dropEffect?: string } | null;
}

export interface DropDeps {
  getPathForFile(file: File): string;
  send(channel: string, paths: string[]): void;
}

export function installDropForwarder(target: DropTargetLike, deps: DropDeps): void {
  target.addEventListener('dragover', (event) => {
    // Without this the drop event never fires (and Chromium would navigate to the file).
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    const files = Array.from(event.dataTransfer?.files ?? []);
    const paths = files
      .map((f) => deps.getPathForFile(f))
      .filter((p) => typeof p === 'string' && p.length > 0);
    if (paths.length > 0) deps.send(droppedPathsChannel, paths);
  });
}
