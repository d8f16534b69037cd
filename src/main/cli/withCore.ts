import { createCore, type Core } from '../core/createCore';
import type { CliArgs, CliContext } from './command';
import { coreConfigFor } from './paths';

/** Runs a CLI command against an in-process core (no watcher), always closing it afterwards. */
export async function withCore<T>(
  args: CliArgs,
  ctx: CliContext,
  fn: (core: Core) => Promise<T>,
): Promise<T> {
  const core = await createCore(coreConfigFor(args, ctx.env, { watch: false }));
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
