import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Syscall-level network tracing for the privacy test: a command runs under
 * `strace -f -e trace=connect,sendto,sendmsg` inside a fresh network namespace (`unshare -n`) whose
 * only interface is loopback. Native code (ONNX Runtime, LanceDB, usearch) is seen as well as Node's.
 */

export const straceMissingMessage =
  'The syscall privacy test needs strace, iproute2 (`ip`) and unshare (util-linux), run as root on ' +
  'Linux: `sudo apt-get install -y strace iproute2`.';

const traceSyscalls = 'connect,sendto,sendmsg';

/** Why the tracing tools cannot run here, or null when they can. */
export function tracingUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  for (const tool of ['strace', 'ip', 'unshare']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && strace -o /dev/null true'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) return `unshare -n / strace are not permitted here: ${probe.stderr.trim()}`;
  return null;
}

/** Should the syscall tests run? Throws in CI when they cannot; prints why they are skipped otherwise. */
export function syscallTestsEnabled(): boolean {
  const why = tracingUnavailable();
  if (!why) return true;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`CI=true and the syscall privacy test cannot run: ${why}. ${straceMissingMessage}`);
  console.warn(`\n*** SKIPPING the syscall privacy test: ${why}. ${straceMissingMessage} ***\n`);
  return false;
}

/**
 * The shell prefix that brings loopback up in the new namespace, then traces `"$@"`. The traced
 * program's pid is written to `pidFile` first (the shell execs into it, so the pid is the program's).
 */
export function tracedShell(traceFile: string, pidFile?: string): string[] {
  const recordPid = pidFile ? `echo $$ > '${pidFile}'; exec "$@"` : 'exec "$@"';
  return [
    'strace',
    '-f',
    '-qq',
    '-e',
    `trace=${traceSyscalls}`,
    '-e',
    'signal=none',
    '-o',
    traceFile,
    'sh',
    '-c',
    recordPid,
    'sh',
  ];
}

/**
 * Runs `argv` in a new network namespace with loopback up, traced into `traceFile` (or untraced when
 * null: a driver that starts its own traced child, as ptrace cannot nest).
 */
export function runInNetns(
  argv: string[],
  traceFile: string | null,
  options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number },
): SpawnSyncReturns<string> {
  const traced = traceFile ? [...tracedShell(traceFile), ...argv] : argv;
  return spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...traced], {
    env: options.env,
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 180_000,
  });
}

/** One socket call that names (or implies) where it goes. */
export interface SocketCall {
  pid: number;
  call: 'connect' | 'sendto' | 'sendmsg';
  family: string;
  /** IPv4/IPv6 address or the AF_UNIX path ('@name' for the abstract namespace). */
  address: string;
  port: number | null;
  line: string;
}

const callPattern = /^(\d+)\s+(connect|sendto|sendmsg)\(/;
const familyPattern = /sa_family=(AF_[A-Z0-9]+)/;

/**
 * Parses strace output into the calls that carry a destination. A sendto/sendmsg on a connected
 * socket has no address (its connect() was already recorded); `<... resumed>` lines carry none either.
 */
export function parseSocketCalls(trace: string): SocketCall[] {
  const calls: SocketCall[] = [];
  for (const line of trace.split('\n')) {
    const head = callPattern.exec(line);
    if (!head) continue;
    const family = familyPattern.exec(line)?.[1];
    if (!family) continue;
    let address = '';
    let port: number | null = null;
    if (family === 'AF_INET') {
      address = /inet_addr\("([^"]+)"\)/.exec(line)?.[1] ?? '?';
      port = Number(/sin_port=htons\((\d+)\)/.exec(line)?.[1] ?? NaN);
    } else if (family === 'AF_INET6') {
      address = /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1] ?? '?';
      port = Number(/sin6_port=htons\((\d+)\)/.exec(line)?.[1] ?? NaN);
    } else if (family === 'AF_UNIX') {
      address = /sun_path=@?"([^"]*)"/.exec(line)?.[1] ?? '?';
      if (/sun_path=@"/.test(line)) address = `@${address}`;
    }
    calls.push({ pid: Number(head[1]), call: head[2] as SocketCall['call'], family, address, port, line });
  }
  return calls;
}

function isLoopback(family: string, address: string): boolean {
  if (family === 'AF_INET') return address.startsWith('127.');
  return address === '::1' || /^::ffff:127\./.test(address);
}

/**
 * tsx (which runs the CLI from source) talks to its own IPC pipe in the temp dir; nothing else local
 * is expected. Any other Unix socket (nscd, systemd-resolved's varlink, D-Bus) would be a name
 * service or a desktop service being asked something, so it counts.
 */
function isTsxIpc(address: string): boolean {
  return /^\/tmp\/tsx-\d+\/\d+\.pipe$/.test(address);
}

/**
 * The calls that break "nothing leaves the machine": any IPv4/IPv6 destination off loopback, any
 * destination port 53 at all (127.0.0.53 is loopback but systemd-resolved forwards the query), and
 * any Unix socket other than tsx's pipe. Netlink (the kernel itself) is local and not counted.
 */
export function networkViolations(calls: SocketCall[]): SocketCall[] {
  return calls.filter((c) => {
    if (c.family === 'AF_INET' || c.family === 'AF_INET6')
      return c.port === 53 || !isLoopback(c.family, c.address);
    if (c.family === 'AF_UNIX') return !isTsxIpc(c.address);
    return c.family !== 'AF_NETLINK';
  });
}

/** Every file and folder under `dir`, relative, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      out.push(entry.isDirectory() ? `${child}/` : child);
      if (entry.isDirectory()) walk(child);
    }
  };
  walk('');
  return out.sort();
}
