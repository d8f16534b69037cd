import type { LibraryStatus } from '../../../shared/api/methods/library';
import type { CliCommand } from '../command';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'status',
  summary: 'Show what the library holds: documents by status, chunks, models, index',
  usage: `loci status [--library DIR] [--json]`,
  options: {},
  async run(args, ctx) {
    const status = await withCore(args, ctx, (core) => core.handlers['library.status']({}));
    if (args.json) ctx.stdout.write(`${JSON.stringify(status)}\n`);
    else ctx.stdout.write(formatStatus(status));
    return 0;
  },
};

function formatStatus(s: LibraryStatus): string {
  const d = s.documents;
  const lines = [
    `Library: ${s.libraryDir}`,
    `Documents: ${d.total} (${d.ok} ok, ${d.failed} failed, ${d.encrypted} encrypted, ${d.skipped} skipped, ${d.timeout} timed out)`,
    `Chunks: ${s.chunks}`,
    `Models: ${s.models.map((m) => `${m.id} (${m.dims}-d, ${m.vectors} vectors)`).join(', ') || 'none yet'}`,
    `Index: ${s.index.state}, ${s.index.vectors} vectors`,
    `Sources:`,
    ...(s.sources.length
      ? s.sources.map((src) => `  ${src.path}  (${src.documents} documents${src.present ? '' : ', MISSING'})`)
      : ['  none — add some with: loci add FOLDER']),
  ];
  return `${lines.join('\n')}\n`;
}
