import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { lociBin } from './repoPaths';
import { decodeWire, wireContentType } from '../../src/shared/api/wire';

export interface ServedLoci {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout/stderr so far (for assertions and debugging). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a real `loci serve` process on a random port and resolves when it printed its URL line.
 * The first line of stdout must be the URL: that is the contract scripts rely on.
 */
export async function startServe(
  libraryDir: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServedLoci> {
  const child = spawn(
    process.execPath,
    [lociBin, 'serve', '--library', libraryDir, '--port', '0', '--no-open', ...extraArgs],
    {
      env: { ...process.env, LOCI_DATA_DIR: `${libraryDir}-data`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`loci serve did not start:\n${log}`)), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`loci serve exited with ${code}:\n${log}`)));
  });
  lines.on('line', (line) => (log += `${line}\n`));
  const match = /^Loci is serving at (http:\/\/[^/]+)\/\?token=(\S+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first line: ${firstLine}`);
  return {
    url: `${match[1]}/?token=${match[2]}`,
    origin: match[1]!,
    token: match[2]!,
    child,
    output: () => `${firstLine}\n${log}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** POSTs one API call; returns status and body (parsed JSON, or decoded when it is a typed-array envelope). */
export async function postApi(origin: string, method: string, body: unknown, token?: string) {
  const res = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer: unknown = res.headers.get('content-type')?.startsWith(wireContentType)
    ? decodeWire(new Uint8Array(await res.arrayBuffer()))
    : await res.json();
  return { status: res.status, body: answer, headers: res.headers };
}
