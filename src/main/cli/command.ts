import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * One CLI sub-command (`loci add`, `loci search`, ...). Each lives in its own file under
 * `src/main/cli/commands/` and is listed in `commands/index.ts`.
 *
 * Conventions: with `--json`, machine-readable output goes to stdout and human progress to stderr;
 * exit code 0 when the work ran, non-zero only when it could not (bad arguments, locked library...).
 */
export interface CliCommand {
  name: string;
  /** One line for `loci --help`. */
  summary: string;
  /** Usage text printed by `loci <name> --help` and on bad arguments. */
  usage: string;
  /** Options understood besides the global ones (`--json`, `--library`, `--help`). */
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: CliArgs, ctx: CliContext): Promise<number>;
}

export interface CliArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  json: boolean;
  /** `--library DIR`, else `LOCI_LIBRARY`, else undefined (the core picks the default). */
  library: string | undefined;
}

export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  /** True when stderr is a terminal (draw progress bars) rather than a pipe or file. */
  interactive: boolean;
  /** Aborted on Ctrl-C; long jobs must stop cleanly and leave the library consistent. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** Thrown for bad arguments: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const globalOptions = {
  json: { type: 'boolean', default: false },
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parses a sub-command's argv with the global options merged in. */
export function parseCommandArgs(command: CliCommand, argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as CliArgs['values'];
  return {
    values,
    positionals: parsed.positionals,
    json: values.json === true,
    library: (values.library as string | undefined) ?? env.LOCI_LIBRARY ?? undefined,
  };
}
