import { runCli } from './runCli';

// Entry point of the `loci` command (bin/loci.mjs loads this through tsx).
//
// Ctrl-C (SIGINT) and SIGTERM cancel the running command cleanly (an ingest finishes the document in
// hand and keeps what was indexed); the process then exits 128 + the signal's number, 130 or 143, as a
// shell expects of a program stopped by a signal, so scripts can tell "interrupted" from "done". A
// second Ctrl-C exits at once (130).
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const controller = new AbortController();
let stoppedBy: keyof typeof SIGNAL_EXIT | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppedBy !== null && signal === 'SIGINT') process.exit(SIGNAL_EXIT.SIGINT);
    stoppedBy ??= signal;
    controller.abort();
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  env: process.env,
});
process.exitCode = stoppedBy === null ? code : SIGNAL_EXIT[stoppedBy];
