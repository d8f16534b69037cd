import { embeddedTextChoices, type EmbeddedText, type Settings } from '../../../shared/api/methods/settings';
import { UsageError, type CliCommand } from '../command';
import { withCore } from '../withCore';

export const command: CliCommand = {
  name: 'settings',
  summary: 'Show the settings, or change the OCR languages or the embedded text',
  usage: `loci settings [--ocr-languages CODES] [--embedded-text none|title|title-headings] [--json]

Prints the settings (default model, threads, OCR languages) and the installed OCR language packs.
--ocr-languages eng,fra   read scanned pages and images in these languages (Tesseract codes of
                          installed @tesseract.js-data packs; default eng). Applies to files read from now on.
--embedded-text title     what vectors embed besides the chunk text: none (default), the document's title,
                          or title-headings. A new library takes it; an existing one keeps its vectors
                          until \`loci models reembed-text\` (\`loci status\` offers it).`,
  options: {
    'ocr-languages': { type: 'string' },
    'embedded-text': { type: 'string' },
  },
  async run(args, ctx) {
    const wanted = args.values['ocr-languages'];
    const languages =
      typeof wanted === 'string'
        ? wanted
            .split(/[,+\s]+/)
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined;
    if (languages && languages.length === 0) throw new UsageError('--ocr-languages needs at least one code');
    const text = args.values['embedded-text'];
    if (text !== undefined && !(embeddedTextChoices as readonly unknown[]).includes(text))
      throw new UsageError(`--embedded-text must be one of ${embeddedTextChoices.join(', ')}`);
    const patch = {
      ...(languages ? { ocrLanguages: languages } : {}),
      ...(text !== undefined ? { embeddedText: text as EmbeddedText } : {}),
    };
    const [settings, installed] = await withCore(args, ctx, async (core) => {
      const s =
        Object.keys(patch).length > 0
          ? await core.handlers['settings.set'](patch)
          : await core.handlers['settings.get']({});
      return [s, (await core.handlers['settings.ocrLanguages']({})).installed] as const;
    });
    if (args.json) {
      ctx.stdout.write(`${JSON.stringify({ settings, ocrLanguagesInstalled: installed })}\n`);
      return 0;
    }
    ctx.stdout.write(formatSettings(settings, installed));
    return 0;
  },
};

function formatSettings(s: Settings, installed: ReadonlyArray<{ code: string; name: string }>): string {
  const lines = [
    `Default model: ${s.defaultModel}`,
    `Threads: ${s.threads ?? 'automatic (every core)'}`,
    `OCR languages: ${s.ocrLanguages.join(', ')}`,
    `Embedded text: ${s.embeddedText}`,
    `OCR language packs installed: ${installed.map((l) => `${l.code} (${l.name})`).join(', ') || 'none'}`,
  ];
  return `${lines.join('\n')}\n`;
}
