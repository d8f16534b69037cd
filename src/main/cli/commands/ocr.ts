import type { CliCommand } from '../command';
import { runIngestJob } from '../runIngestJob';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'ocr',
  summary: 'Read skipped files (scans without a text layer) with OCR',
  usage: `loci ocr [--library DIR] [--json]

Reads again, with OCR, the documents the library holds as skipped because nothing could be read from
them: PDFs skipped for "no text layer" by versions without OCR, files skipped while OCR was off, and
files whose OCR failed (e.g. its time limit per page on a busy machine). \`loci status\` says how many
there are. OCR reads in the languages of the ocrLanguages setting (English by default;
\`loci settings --ocr-languages eng,fra\` changes it).`,
  options: {},
  async run(args, ctx) {
    await withCore(args, ctx, (core) =>
      runIngestJob(core, ctx, args.json, () => core.handlers['library.ocrSkipped']({})),
    );
    return 0;
  },
};
