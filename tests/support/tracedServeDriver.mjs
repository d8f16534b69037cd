// Runs INSIDE the privacy test's network namespace (loopback only), because the API calls must reach
// the server over that namespace's loopback. Starts `loci serve` under strace (the traced command line
// comes as JSON in argv[2]), reads the URL line, makes a few real API calls with the token (add a
// folder, wait for the job, search, list documents), keeps the server up for `holdMs` more (ONNX
// Runtime's uploader first fires about 9 s after a session is created), stops it with SIGINT and
// prints one JSON line: what each call answered.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

const [tracedArgvJson, pidFile, docsDir, holdMsText] = process.argv.slice(2);
const tracedArgv = JSON.parse(tracedArgvJson);
const holdMs = Number(holdMsText);

const server = spawn(tracedArgv[0], tracedArgv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.on('data', (d) => (stderr += d.toString()));
const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));

function fail(message) {
  console.log(JSON.stringify({ error: message, stderr }));
  server.kill('SIGKILL');
  process.exit(1);
}
let started = false;
const startTimer = setTimeout(() => fail('loci serve printed no URL within 90 s'), 90_000);
const firstLine = await Promise.race([
  new Promise((resolve) => readline.createInterface({ input: server.stdout }).once('line', resolve)),
  exited.then(({ code }) => started || fail(`loci serve exited (${code}) before printing its URL`)),
]);
started = true;
clearTimeout(startTimer);
const match = /^Loci is serving at (http:\/\/[^/]+)\/\?token=(\S+)$/.exec(firstLine);
if (!match) fail(`unexpected first line: ${firstLine}`);
const [, origin, token] = match;

async function call(method, body) {
  const res = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const calls = {};
calls.info = await call('app.info', {});
calls.add = await call('library.add', { paths: [docsDir] });
const deadline = Date.now() + 120_000;
for (;;) {
  calls.status = await call('library.status', {});
  if (calls.status.body.activeJob === null && calls.status.body.documents?.total > 0) break;
  if (Date.now() > deadline) fail('the add job did not finish within 120 s');
  await new Promise((r) => setTimeout(r, 250));
}
calls.search = await call('search.query', { q: 'lift of a wing', k: 3 });
calls.documents = await call('library.documents', {});
await new Promise((r) => setTimeout(r, holdMs));

// SIGINT to the server itself (not strace, which would detach and miss the shutdown).
process.kill(Number(fs.readFileSync(pidFile, 'utf8').trim()), 'SIGINT');
const killTimer = setTimeout(() => server.kill('SIGKILL'), 20_000);
const end = await exited;
clearTimeout(killTimer);
console.log(JSON.stringify({ calls, end, stderr }));
