import { runCli } from './runCli';

// Entry point of the `loci` command (bin/loci.mjs loads this through tsx).
const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: Boolean(process.stderr.isTTY),
  signal: controller.signal,
  env: process.env,
});
process.exitCode = code;
