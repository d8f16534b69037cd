// Prints what the desktop app carries per target platform, before the installer compresses it:
// the built code (out/), the node_modules electron-builder copies (its own collector and file filter,
// see tests/support/packagedFiles.ts) and the extra resources (the built-in model).
// Run: npm run size:app   (after `npm run build`)
//
// Measured on this machine's install. Packages that exist per platform (LanceDB's and @napi-rs/canvas's
// native binaries) are installed for this platform only, so for other targets their size is this
// platform's, marked "~". onnxruntime-node and usearch carry every platform's binaries, so theirs are
// exact. The Electron runtime itself comes on top (its download is not reachable here).
import fs from 'node:fs';
import path from 'node:path';
import {
  builderConfig,
  keptFiles,
  nodeModulesFilter,
  pathBytes,
  productionModules,
  type Target,
} from '../tests/support/packagedFiles';

const root = path.resolve(import.meta.dirname, '..');
const targets: Target[] = [
  { platform: 'linux', arch: 'x64' },
  { platform: 'linux', arch: 'arm64' },
  { platform: 'darwin', arch: 'arm64' },
  { platform: 'win32', arch: 'x64' },
];
const host: Target = {
  platform: process.platform as Target['platform'],
  arch: process.arch as Target['arch'],
};

if (!fs.existsSync(path.join(root, 'out/main'))) {
  console.error('No out/ folder: run `npm run build` first.');
  process.exit(1);
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const modules = await productionModules();
const isPlatformPackage = (dir: string) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    os?: string[];
  };
  return Array.isArray(manifest.os);
};

const outBytes = pathBytes(path.join(root, 'out'));
const resourceBytes = builderConfig().extraResources.reduce(
  (sum, r) => sum + pathBytes(path.join(root, r.from)),
  0,
);

console.log('| target | code (out/) | node_modules | model and notices | total | biggest packages |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const target of targets) {
  const filter = nodeModulesFilter(target);
  const sameAsHost = target.platform === host.platform && target.arch === host.arch;
  let moduleBytes = 0;
  let estimated = false;
  const sizes: Array<[string, number]> = [];
  for (const m of modules) {
    const bytes = keptFiles(m.dir, filter, true).reduce((s, f) => s + f.bytes, 0);
    if (bytes === 0) continue;
    if (!sameAsHost && isPlatformPackage(m.dir)) estimated = true;
    moduleBytes += bytes;
    sizes.push([m.name, bytes]);
  }
  sizes.sort((a, b) => b[1] - a[1]);
  const top = sizes
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${mb(bytes)}`)
    .join(', ');
  const mark = estimated ? '~' : '';
  console.log(
    `| ${target.platform} ${target.arch} | ${mb(outBytes)} | ${mark}${mb(moduleBytes)} | ${mb(resourceBytes)} | ${mark}${mb(outBytes + moduleBytes + resourceBytes)} | ${top} |`,
  );
}
console.log(
  `\n${modules.length} production packages found; ~ = per-platform binaries sized as ${host.platform} ${host.arch}'s.`,
);
