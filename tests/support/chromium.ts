import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The Chromium the browser tests drive: `LOCI_CHROMIUM`, else Debian's. Returns null when none is
 * installed; in CI (CI=true) that is a failure, not a skip.
 */
export function findChromium(): string | null {
  const fromEnv = process.env.LOCI_CHROMIUM;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export const chromiumMissingMessage =
  'Browser tests need Chromium: install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or point LOCI_CHROMIUM at a Chromium binary.';

/** Should the browser tests run? Throws in CI when Chromium is missing; prints how to install otherwise. */
export function browserTestsEnabled(): boolean {
  if (findChromium()) return true;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`CI=true and no Chromium found. ${chromiumMissingMessage}`);
  console.warn(`Skipping browser tests. ${chromiumMissingMessage}`);
  return false;
}

/** GPU flags: none at all, or WebGL through SwiftShader (software GL) for Plotly's WebGL traces. */
const noGpu = ['--disable-gpu'];
const softwareWebGl = [
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/**
 * Launches headless Chromium with no background networking and a fresh profile (user data dir).
 * `webgl` swaps --disable-gpu (which leaves WebGL without a context) for software GL.
 */
export async function launchChromium(
  options: { webgl?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumMissingMessage);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      ...(options.webgl ? softwareWebGl : noGpu),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots of test runs are kept (CI artifacts; the README uses one). */
export function artifactPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../../test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Copies a screenshot artifact over the README's picture `docs/screenshots/<docsName>` when
 * LOCI_UPDATE_SCREENSHOTS=1 (`npm run screenshots`); a plain test run leaves the work tree untouched.
 */
export function publishScreenshot(artifactName: string, docsName: string): void {
  if (process.env.LOCI_UPDATE_SCREENSHOTS !== '1') return;
  const dir = path.resolve(import.meta.dirname, '../../docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(artifactPath(artifactName), path.join(dir, docsName));
}
