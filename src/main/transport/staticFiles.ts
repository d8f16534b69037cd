import fs from 'node:fs/promises';
import path from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

export function mimeTypeOf(file: string): string {
  return mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null when it would leave it. Decodes once, rejects NUL
 * bytes, backslashes and any `..` segment, and checks the real path (symlinks) stays inside `root`.
 * Shared by the HTTP server and Electron's app protocol.
 */
export async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = path.resolve(root, rel);
  const realRoot = await fs.realpath(root).catch(() => null);
  if (!realRoot) return null;
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real) return null;
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  const stat = await fs.stat(real).catch(() => null);
  return stat?.isFile() ? real : null;
}
