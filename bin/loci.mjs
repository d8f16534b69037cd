#!/usr/bin/env node
// The `loci` command. Runs the CLI from source through tsx's loader, so `npx loci` works right after
// `npm install` in a checkout, without a build step.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/main/cli/main.ts', import.meta.url).href);
