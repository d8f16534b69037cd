import type { Core } from '../../core/createCore';
import type { RegisteredModel } from '../../core/embed/registry';
import type { EmbedLibrarySummary } from '../../core/library/embedWithModel';
import type { ReembedTextSummary } from '../../core/library/reembedText';
import { UsageError, type CliArgs, type CliCommand, type CliContext } from '../command';
import { withCore } from '../withCore';
import { reportEmbedError } from './embed';

function table(models: RegisteredModel[]): string {
  const rows = [
    ['ID', 'KIND', 'DIMS', 'MAX TOKENS', 'SOURCE'],
    ...models.map((m) => [
      m.id,
      m.kind,
      String(m.dims),
      String(m.maxTokens),
      m.builtIn ? 'built-in' : `imported from ${m.importedFrom ?? m.dir}`,
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return (
    rows
      .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '))
      .join('\n') + '\n'
  );
}

async function list(core: Core, args: CliArgs, ctx: CliContext): Promise<number> {
  // The registry's own records: the contract's summary has no "imported from" for the table.
  const models = await core.registry.listModels();
  if (args.json) ctx.stdout.write(`${JSON.stringify({ models })}\n`);
  else if (models.length === 0)
    ctx.stdout.write('No models. Run "npm run models:build" to build the built-in one.\n');
  else ctx.stdout.write(table(models));
  return 0;
}

async function importCmd(core: Core, args: CliArgs, ctx: CliContext, dir: string): Promise<number> {
  const options: { id?: string; name?: string } = {};
  if (typeof args.values.id === 'string') options.id = args.values.id;
  if (typeof args.values.name === 'string') options.name = args.values.name;
  ctx.stderr.write(`Checking ${dir} (loading it in ONNX Runtime and embedding a test sentence)…\n`);
  // The registry's record (with its MODEL_INVALID reasons), not the contract's summary.
  const model = await core.registry.importModel(dir, options);
  if (args.json) ctx.stdout.write(`${JSON.stringify({ model })}\n`);
  else
    ctx.stdout.write(
      `Imported "${model.name}" as ${model.id}: ${model.dims} dims, max ${model.maxTokens} tokens.\n`,
    );
  return 0;
}

async function remove(core: Core, args: CliArgs, ctx: CliContext, id: string): Promise<number> {
  // Through the handler, so removing the default model resets the default as the app does.
  await core.handlers['models.remove']({ id });
  if (args.json) ctx.stdout.write(`${JSON.stringify({ removed: id })}\n`);
  else
    ctx.stdout.write(
      `Removed model ${id}. Libraries indexed with it keep their vectors but cannot search them until re-indexed.\n`,
    );
  return 0;
}

/** Embeds the library with a model (a job); with another variant of the same model it is the re-embed. */
async function embedLibraryCmd(core: Core, args: CliArgs, ctx: CliContext, id: string): Promise<number> {
  const { jobId } = await core.handlers['models.embedLibrary']({ model: id });
  ctx.stderr.write(`Embedding the library with ${id}…\n`);
  const summary = (await core.jobs.wait(jobId)) as EmbedLibrarySummary;
  if (args.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const replaced = summary.replaced?.length ? `; replaced the ${summary.replaced.join(', ')} vectors` : '';
    ctx.stdout.write(
      `Embedded ${summary.embedded} documents (${summary.chunks} chunks) with ${id}${replaced}${summary.cancelled ? ' (cancelled)' : ''}.\n`,
    );
  }
  return summary.cancelled ? 1 : 0;
}

/** Re-embeds the library with the embedded-text setting's text (a job), switching over when done. */
async function reembedTextCmd(core: Core, args: CliArgs, ctx: CliContext): Promise<number> {
  const { jobId } = await core.handlers['library.reembedText']({});
  ctx.stderr.write('Re-embedding the library with the embedded-text setting…\n');
  const summary = (await core.jobs.wait(jobId)) as ReembedTextSummary;
  if (args.json) ctx.stdout.write(`${JSON.stringify(summary)}\n`);
  else
    ctx.stdout.write(
      summary.cancelled
        ? `Cancelled: the library still embeds ${summary.from}.\n`
        : `Re-embedded ${summary.documents} documents (${summary.chunks} chunks) with ${summary.to} (was ${summary.from}) for ${summary.models.join(', ')}.\n`,
    );
  return summary.cancelled ? 1 : 0;
}

export const command: CliCommand = {
  name: 'models',
  summary: 'List, import and remove embedding models',
  usage: `loci models list [--json]
       loci models import DIR [--id ID] [--name NAME] [--json]
       loci models remove ID [--json]
       loci models embed-library ID [--json]
       loci models reembed-text [--json]

  list     the built-in models and the ones you imported
  import   check a Hugging Face ONNX model folder (model.onnx + tokenizer.json, optional
           config.json, 1_Pooling/config.json, sentence_bert_config.json, loci-model.json)
           and copy it into Loci's data folder
  --id ID      id to register the model under (default: from the model's name)
  --name NAME  display name (default: the model's own)
  remove   delete an imported model (built-in models cannot be removed)
  embed-library  embed every document of the library with the model (a resumable job); with
           another variant of the library's model (use-lite / use-lite-int8) it replaces those vectors
  reembed-text   embed every chunk again with the text the embedded-text setting asks for
           (\`loci settings --embedded-text\`), switching the library over when the job completes`,
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
  },
  async run(args, ctx) {
    const [sub, target, ...extra] = args.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    const subs = ['list', 'import', 'remove', 'embed-library', 'reembed-text'];
    if (!sub || !subs.includes(sub))
      throw new UsageError(
        sub ? `unknown sub-command "${sub}"` : 'say list, import, remove, embed-library or reembed-text',
      );
    if ((sub === 'list' || sub === 'reembed-text') && target !== undefined)
      throw new UsageError(`unexpected argument ${target}`);
    if (sub !== 'list' && sub !== 'reembed-text' && target === undefined)
      throw new UsageError(
        sub === 'import' ? 'give the model folder to import' : `give the id of the model to ${sub}`,
      );

    return withCore(args, ctx, async (core) => {
      try {
        if (sub === 'list') return await list(core, args, ctx);
        if (sub === 'import') return await importCmd(core, args, ctx, target!);
        if (sub === 'embed-library') return await embedLibraryCmd(core, args, ctx, target!);
        if (sub === 'reembed-text') return await reembedTextCmd(core, args, ctx);
        return await remove(core, args, ctx, target!);
      } catch (err) {
        return reportEmbedError(err, ctx, args.json, `models ${sub}`);
      }
    });
  },
};
