import type { LibraryStatus } from '../../../shared/api/methods/library';
import { displayPath } from '../../../shared/displayPath';
import type { CliCommand } from '../command';
import { withCore } from '../withCore';

/** Partly indexed documents listed by name in the human output. */
const PARTIAL_LISTED = 20;

export const command: CliCommand = {
  name: 'status',
  summary: 'Show what the library holds: documents by status, chunks, models, index',
  usage: `loci status [--library DIR] [--json]`,
  options: {},
  async run(args, ctx) {
    if (args.json) {
      const status = await withCore(args, ctx, (core) => core.handlers['library.status']({}));
      ctx.stdout.write(`${JSON.stringify(status)}\n`);
      return 0;
    }
    const [status, partial] = await withCore(args, ctx, async (core) => {
      const s = await core.handlers['library.status']({});
      if (s.documents.partial === 0) return [s, []] as const;
      const listed = await core.handlers['library.documents']({
        filter: { status: ['partial'] },
        offset: 0,
        limit: PARTIAL_LISTED,
      });
      return [s, listed.items] as const;
    });
    ctx.stdout.write(formatStatus(status));
    if (partial.length > 0) {
      ctx.stdout.write(`Indexed in part (a per-document limit):\n`);
      for (const doc of partial) ctx.stdout.write(`  ${displayPath(doc.path)}: ${doc.reason ?? 'partial'}\n`);
      if (status.documents.partial > partial.length)
        ctx.stdout.write(`  ... and ${status.documents.partial - partial.length} more\n`);
    }
    return 0;
  },
};

function formatStatus(s: LibraryStatus): string {
  const d = s.documents;
  const lines = [
    `Library: ${s.libraryDir}`,
    `Documents: ${d.total} (${d.ok} ok, ${d.partial} partial, ${d.failed} failed, ${d.encrypted} encrypted, ${d.skipped} skipped, ${d.timeout} timed out)`,
    `Chunks: ${s.chunks}`,
    `Models: ${s.models.map((m) => `${m.id} (${m.dims}-d, ${m.vectors} vectors)`).join(', ') || 'none yet'}`,
    s.damage
      ? `Index: DAMAGED (${s.damage}): run \`loci doctor --repair\``
      : `Index: ${s.index.state}, ${s.index.vectors} vectors`,
    ...(s.reembed
      ? [
          `Model: vectors made with ${s.reembed.from}, the default is ${s.reembed.to} (searching with ${s.reembed.from} meanwhile): run \`loci models embed-library ${s.reembed.to}\``,
        ]
      : []),
    ...(s.reembedText
      ? [
          `Embedded text: vectors embed ${s.reembedText.from}, the setting asks for ${s.reembedText.to} (searching with ${s.reembedText.from} meanwhile): run \`loci models reembed-text\``,
        ]
      : []),
    ...(s.awaitingOcr > 0
      ? [
          `OCR: ${s.awaitingOcr} skipped file${s.awaitingOcr === 1 ? '' : 's'} may be read with OCR: run \`loci ocr\``,
        ]
      : []),
    `Sources:`,
    ...(s.sources.length
      ? s.sources.map((src) => `  ${src.path}  (${src.documents} documents${src.present ? '' : ', MISSING'})`)
      : ['  none — add some with: loci add FOLDER']),
  ];
  return `${lines.join('\n')}\n`;
}
