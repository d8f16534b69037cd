#!/usr/bin/env node
// The package registry these machines use lacks some of @lancedb/lancedb's per-platform binaries
// (darwin-arm64, linux-arm64, win32 at 0.37.1), so `npm install` here leaves them out of
// package-lock.json and `npm ci` then refuses the lock. This adds their entries (version, platform
// fields, optional) so `npm ci` works everywhere: on this platform they are skipped as optional
// platform mismatches; on a user's Mac or Windows machine npm fetches them from the public registry.
// Run after changing the lancedb version: node scripts/lockPlatformPackages.mjs
import fs from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const parent = lock.packages['node_modules/@lancedb/lancedb'];
const platforms = {
  'darwin-arm64': { cpu: ['arm64'], os: ['darwin'] },
  'linux-arm64-gnu': { cpu: ['arm64'], os: ['linux'], libc: ['glibc'] },
  'linux-arm64-musl': { cpu: ['arm64'], os: ['linux'], libc: ['musl'] },
  'linux-x64-gnu': { cpu: ['x64'], os: ['linux'], libc: ['glibc'] },
  'linux-x64-musl': { cpu: ['x64'], os: ['linux'], libc: ['musl'] },
  'win32-x64-msvc': { cpu: ['x64'], os: ['win32'] },
  'win32-arm64-msvc': { cpu: ['arm64'], os: ['win32'] },
};
let added = 0;
for (const [name, fields] of Object.entries(platforms)) {
  const key = `node_modules/@lancedb/lancedb-${name}`;
  if (!(`@lancedb/lancedb-${name}` in (parent.optionalDependencies ?? {})) || lock.packages[key]) continue;
  lock.packages[key] = {
    version: parent.version,
    ...fields,
    license: 'Apache-2.0',
    optional: true,
    engines: { node: '>= 18' },
  };
  added += 1;
}
// Keep the keys sorted as npm writes them, so later installs produce small diffs.
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} @lancedb platform entries`);
