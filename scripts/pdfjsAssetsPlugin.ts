import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * pdf.js's data folders, from pdfjs-dist into the renderer: Adobe's predefined CMaps (`cmaps/`, CJK
 * PDFs need them to map glyphs), the standard 14 fonts' data (`standard_fonts/`, for PDFs that do not
 * embed them) and the WebAssembly decoders (`wasm/`: OpenJPEG for JPEG 2000 images, JBIG2, QCMS).
 * Built: emitted as assets under `pdfjs/<folder>/` next to index.html. Dev server: served from
 * node_modules at the same paths. The viewer points pdf.js at them (`viewer/loadPdfjs.ts`).
 */
export const PDFJS_ASSET_DIRS = ['cmaps', 'standard_fonts', 'wasm'] as const;

function pdfjsRoot(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

export function pdfjsAssets(): Plugin {
  return {
    name: 'loci-pdfjs-assets',
    generateBundle() {
      const root = pdfjsRoot();
      for (const dir of PDFJS_ASSET_DIRS) {
        for (const file of fs.readdirSync(path.join(root, dir))) {
          this.emitFile({
            type: 'asset',
            fileName: `pdfjs/${dir}/${file}`,
            source: fs.readFileSync(path.join(root, dir, file)),
          });
        }
      }
    },
    configureServer(server) {
      const root = pdfjsRoot();
      server.middlewares.use((req, res, next) => {
        const match = /^\/pdfjs\/(cmaps|standard_fonts|wasm)\/([\w.-]+)$/.exec(req.url?.split('?')[0] ?? '');
        const file = match && path.join(root, match[1]!, match[2]!);
        if (!file || !fs.existsSync(file)) return next();
        res.setHeader(
          'Content-Type',
          file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream',
        );
        fs.createReadStream(file).pipe(res);
      });
    },
  };
}
