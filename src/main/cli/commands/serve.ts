import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { createCore } from '../../core/createCore';
import { createDispatcher } from '../../transport/dispatch';
import { isLoopbackHost, startServer } from '../../server/createServer';
import { UsageError, type CliCommand } from '../command';
import { coreConfigFor, rendererBuildDir } from '../paths';

export const command: CliCommand = {
  name: 'serve',
  summary: 'Serve the Loci app to a browser on this machine (127.0.0.1, token-protected)',
  usage: `loci serve [--library DIR] [--port N] [--host H] [--max-upload-mb N] [--no-open]

  --port N     port to listen on (default: a random free port; 0 = random)
  --host H     address to bind (default 127.0.0.1). Anything but loopback exposes your
               library to the network: Loci warns and still requires the session token.
  --max-upload-mb N
               largest file the browser may upload (default 1024); larger uploads
               are refused with 413 before they are read
  --no-open    do not open the browser

The first line of output is "Loci is serving at http://HOST:PORT/?token=...".`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'max-upload-mb': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
  async run(args, ctx) {
    const port = args.values.port === undefined ? 0 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be an integer 0-65535, got ${String(args.values.port)}`);
    }
    const host = (args.values.host as string | undefined) ?? '127.0.0.1';
    const maxUploadMb =
      args.values['max-upload-mb'] === undefined ? undefined : Number(args.values['max-upload-mb']);
    if (maxUploadMb !== undefined && !(Number.isFinite(maxUploadMb) && maxUploadMb > 0)) {
      throw new UsageError(
        `--max-upload-mb must be a positive number, got ${String(args.values['max-upload-mb'])}`,
      );
    }
    const rendererDir = rendererBuildDir();
    if (!fs.existsSync(rendererDir)) {
      ctx.stderr.write(`The app's pages are not built (${rendererDir} is missing). Run: npm run build\n`);
      return 1;
    }
    const core = await createCore(coreConfigFor(args, ctx.env, { watch: true }));
    const server = await startServer({
      dispatch: createDispatcher(core.handlers),
      events: core.events,
      rendererDir,
      host,
      port,
      ...(maxUploadMb !== undefined ? { maxUploadBytes: Math.floor(maxUploadMb * 1024 * 1024) } : {}),
    });
    // With --json, stdout holds only the JSON line (scripts parse it); the human line goes to stderr.
    if (args.json) {
      ctx.stderr.write(`Loci is serving at ${server.url}\n`);
      ctx.stdout.write(
        `${JSON.stringify({ url: server.url, token: server.token, port: server.port, host })}\n`,
      );
    } else ctx.stdout.write(`Loci is serving at ${server.url}\n`);
    if (!isLoopbackHost(host)) {
      ctx.stderr.write(
        `WARNING: bound to ${host}, not loopback: other machines on the network can reach this server.\n` +
          `Anyone with the token in the URL can read and change your library.\n`,
      );
    }
    ctx.stderr.write(`Library: ${core.config.libraryDir}\nPress Ctrl-C to stop.\n`);
    if (args.values['no-open'] !== true && ctx.interactive) openBrowser(server.url);

    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    ctx.stderr.write('Stopping...\n');
    await server.close();
    await core.close();
    return 0;
  },
};

/** Opens the user's default browser on the local URL (never any other address). */
function openBrowser(url: string): void {
  const [cmd, argv] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, argv as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
