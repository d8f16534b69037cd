import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds main, preload and renderer once before the suite, so browser tests run against the current
 * sources (a stale `out/renderer` would test yesterday's UI). Takes a few seconds.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
