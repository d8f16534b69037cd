import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/api/contract';
import { repoRoot } from '../support/repoPaths';

// One methods/<namespace>.ts per namespace: a reader looking for `settings.set` opens settings.ts.
const methodsDir = path.join(repoRoot, 'src/shared/api/methods');

describe('the contract is declared one file per namespace', () => {
  it('every methods file declares the methods of exactly the namespace it is named after', async () => {
    const seen = new Set<string>();
    for (const file of fs.readdirSync(methodsDir).filter((f) => f.endsWith('.ts'))) {
      const base = path.basename(file, '.ts');
      const mod = (await import(path.join(methodsDir, file))) as Record<string, unknown>;
      const declared = Object.entries(mod)
        .filter(([name]) => name.endsWith('Methods'))
        .flatMap(([, value]) => Object.keys(value as object));
      expect(declared.length, file).toBeGreaterThan(0);
      const namespaces = new Set(declared.map((m) => m.split('.')[0] as string));
      expect([...namespaces], file).toHaveLength(1);
      const [namespace] = [...namespaces] as [string];
      // `document.*` lives in documents.ts and `jobs.*` in jobs.ts: the name or its plural.
      expect([namespace, `${namespace}s`], file).toContain(base);
      for (const m of declared) seen.add(m);
    }
    expect([...seen].sort()).toEqual(Object.keys(contract).sort());
  });
});
