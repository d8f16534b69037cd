import { LociError } from '../../shared/api/errors';
import { UsageError, parseCommandArgs, type CliContext } from './command';
import { commands } from './commands/index';
import { packageVersion } from './paths';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Loci ${packageVersion()}: private, offline search and maps of your documents.

Usage: loci <command> [options]

Commands:
${list}

Global options:
  --library DIR  the library to use (default: LOCI_LIBRARY, else the app's default library)
  --json         machine-readable output on stdout (progress stays on stderr)
  -h, --help     help for a command
  -V, --version  print the version

Exit codes:
  0    the command ran (an ingest also when some files failed: the summary lists them)
  1    it could not run or failed (library locked by another writer, model missing, ...)
  2    bad arguments or input (unknown option, a query over 10,000 characters, ...)
  130  stopped by Ctrl-C (SIGINT), 143 by SIGTERM: cancelled cleanly, what was indexed is kept

Run "loci <command> --help" for a command's options.
`;
}

/** Runs one CLI invocation; returns the exit code. Separate from main.ts so tests can call it. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    ctx.stdout.write(mainHelp());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-V') {
    ctx.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    ctx.stderr.write(`Unknown command "${first}".\n\n${mainHelp()}`);
    return 2;
  }
  try {
    const args = parseCommandArgs(command, rest, ctx.env);
    if (args.values.help === true) {
      ctx.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(args, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      ctx.stderr.write(`${err.message}\n\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof LociError) {
      ctx.stderr.write(`loci ${command.name}: ${err.message}\n`);
      // Input the command cannot take (a query over the limit...) is the caller's to fix, like a bad flag.
      return err.code === 'INVALID_INPUT' ? 2 : 1;
    }
    ctx.stderr.write(`loci ${command.name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    if (ctx.env.LOCI_DEBUG) ctx.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}
