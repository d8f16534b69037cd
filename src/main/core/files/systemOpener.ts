import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * Opens files with the operating system. Electron passes its `shell` functions instead; the CLI and
 * `loci serve` (which run on the user's own machine) use the platform's opener command. Callers must
 * have checked that the path is a document of the library: nothing else is ever opened.
 */
export interface SystemOpener {
  openPath(file: string): Promise<void>;
  showInFolder(file: string): Promise<void>;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

export const platformOpener: SystemOpener = {
  openPath(file) {
    if (process.platform === 'darwin') return run('open', [file]);
    if (process.platform === 'win32') return run('explorer.exe', [file]);
    return run('xdg-open', [file]);
  },
  showInFolder(file) {
    if (process.platform === 'darwin') return run('open', ['-R', file]);
    if (process.platform === 'win32') return run('explorer.exe', [`/select,${file}`]);
    return run('xdg-open', [path.dirname(file)]);
  },
};
