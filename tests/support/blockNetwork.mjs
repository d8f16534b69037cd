// Preloaded with `node --import` in offline tests: every way a Node program reaches the network throws,
// and each attempt is appended to $LOCI_NET_LOG so the test can prove nothing even tried. Worker threads
// inherit the flag, so extraction and embedding workers are covered too.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';

const log = process.env.LOCI_NET_LOG;
function blocked(what) {
  return function () {
    const where = new Error().stack?.split('\n').slice(2, 5).join(' | ') ?? '';
    if (log) fs.appendFileSync(log, `${what} ${where}\n`);
    throw new Error(`network access blocked in offline test: ${what}`);
  };
}
// Unix domain sockets and pipes are local IPC (tsx's loader uses one), not network: let those through.
const isLocalIpc = (args) => {
  // net.connect() hands Socket#connect its normalised arguments as one array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return (
    typeof first === 'string' ||
    (typeof first === 'object' && first !== null && typeof first.path === 'string')
  );
};
function blockedUnlessIpc(what, original) {
  const refuse = blocked(what);
  return function (...args) {
    return isLocalIpc(args) ? original.apply(this, args) : refuse();
  };
}
net.Socket.prototype.connect = blockedUnlessIpc('net.Socket.connect', net.Socket.prototype.connect);
net.connect = net.createConnection = blockedUnlessIpc('net.connect', net.connect);
tls.connect = blocked('tls.connect');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[fn] = blocked(`dns.${fn}`);
dns.promises.lookup = blocked('dns.promises.lookup');
http.request = http.get = blocked('http.request');
https.request = https.get = blocked('https.request');
globalThis.fetch = blocked('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = blocked('WebSocket');
