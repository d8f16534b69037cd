// Renders the application icon, build/icon.png (1024 x 1024), from its source build/icon.svg.
// electron-builder makes every platform's format (icns, ico, the Linux sizes) from that PNG.
// The browser tab uses the SVG itself (src/renderer/public/icon.svg, a copy).
// Run after editing the SVG: node bin/run-ts.mjs scripts/renderIcon.ts
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const root = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(root, 'build/icon.svg'));
const size = 1024;
const image = await loadImage(svg);
const canvas = createCanvas(size, size);
canvas.getContext('2d').drawImage(image, 0, 0, size, size);
fs.writeFileSync(path.join(root, 'build/icon.png'), canvas.toBuffer('image/png'));
fs.copyFileSync(path.join(root, 'build/icon.svg'), path.join(root, 'src/renderer/public/icon.svg'));
console.log(`build/icon.png: ${size} x ${size}`);
