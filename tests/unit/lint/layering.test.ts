import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repoPaths';

// Each layering rule is proved live: a deliberately bad snippet, linted as if it sat in the guarded
// folder, must be reported by no-restricted-imports. A good snippet in the same place must pass.
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImportErrors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering is enforced by lint', () => {
  it('src/main/core may not import electron', async () => {
    const errors = await restrictedImportErrors(
      "import { app } from 'electron';\nvoid app;\n",
      'src/main/core/bad.ts',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('electron');
    expect(
      await restrictedImportErrors("import fs from 'node:fs';\nvoid fs;\n", 'src/main/core/good.ts'),
    ).toEqual([]);
  });

  it('src/shared may not import electron or Node built-ins', async () => {
    expect(
      await restrictedImportErrors(
        "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n",
        'src/shared/bad.ts',
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors("import fs from 'node:fs';\nvoid fs;\n", 'src/shared/bad.ts'),
    ).toHaveLength(1);
    expect(
      await restrictedImportErrors("import path from 'path';\nvoid path;\n", 'src/shared/bad.ts'),
    ).toHaveLength(1);
    expect(await restrictedImportErrors("import { z } from 'zod';\nvoid z;\n", 'src/shared/good.ts')).toEqual(
      [],
    );
  });

  it('src/renderer may not import src/main', async () => {
    const errors = await restrictedImportErrors(
      "import { createCore } from '../../main/core/createCore';\nvoid createCore;\n",
      'src/renderer/src/bad.ts',
    );
    expect(errors).toHaveLength(1);
    expect(
      await restrictedImportErrors(
        "import { contract } from '../../shared/api/contract';\nvoid contract;\n",
        'src/renderer/src/good.ts',
      ),
    ).toEqual([]);
  });

  it('src/main/electron may import electron', async () => {
    expect(
      await restrictedImportErrors("import { app } from 'electron';\nvoid app;\n", 'src/main/electron/ok.ts'),
    ).toEqual([]);
  });

  it('onnxruntime-node is loaded only through embed/loadOrt.ts (which turns its telemetry off first)', async () => {
    const ortErrors = async (code: string, file: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
      return (result?.messages ?? [])
        .filter((m) => m.ruleId === 'no-restricted-syntax')
        .map((m) => m.message);
    };
    const bad = [
      "import * as ort from 'onnxruntime-node';\nvoid ort;\n",
      "import { InferenceSession } from 'onnxruntime-node';\nvoid InferenceSession;\n",
      "export { Tensor } from 'onnxruntime-node';\n",
      "import { createRequire } from 'node:module';\nvoid createRequire(import.meta.url)('onnxruntime-node');\n",
      "void import('onnxruntime-node');\n",
      'void import(`onnxruntime-node`);\n',
    ];
    for (const file of [
      'src/main/core/embed/bad.ts',
      'src/main/server/bad.ts',
      'tests/unit/bad.test.ts',
      'bench/bad.ts',
    ]) {
      for (const code of bad) {
        const errors = await ortErrors(code, file);
        expect(errors, `${file}: ${code}`).toHaveLength(1);
        expect(errors[0]).toContain('loadOrt.ts');
      }
    }
    // Types load nothing, and the loader itself is the one place allowed to require it.
    expect(
      await ortErrors(
        "import type { InferenceSession } from 'onnxruntime-node';\nexport type S = InferenceSession;\n",
        'src/main/core/embed/good.ts',
      ),
    ).toEqual([]);
    expect(
      await ortErrors("import { ort } from './loadOrt';\nvoid ort;\n", 'src/main/core/embed/good.ts'),
    ).toEqual([]);
    // The package's name as data (file lists, packaging checks) loads nothing.
    expect(
      await ortErrors(
        "const files = ['onnxruntime-node/bin'];\nvoid files.includes('onnxruntime-node');\n",
        'tests/unit/packaging/good.test.ts',
      ),
    ).toEqual([]);
    const loader = fs.readFileSync(path.join(repoRoot, 'src/main/core/embed/loadOrt.ts'), 'utf8');
    expect(await ortErrors(loader, 'src/main/core/embed/loadOrt.ts')).toEqual([]);
  });

  it('only src/main/core/store may import @lancedb/lancedb and usearch', async () => {
    const lance = "import * as lancedb from '@lancedb/lancedb';\nvoid lancedb;\n";
    const usearch = "import usearch from 'usearch';\nvoid usearch;\n";
    for (const file of [
      'src/main/core/similarity/bad.ts',
      'src/main/core/topics/bad.ts',
      'src/main/core/math/bad.ts',
      'src/main/core/search/bad.ts',
      'src/main/core/map/bad.ts',
      'src/main/cli/bad.ts',
      'src/main/server/bad.ts',
    ]) {
      const lanceErrors = await restrictedImportErrors(lance, file);
      expect(lanceErrors, file).toHaveLength(1);
      expect(lanceErrors[0]).toContain('src/main/core/store');
      expect(await restrictedImportErrors(usearch, file), file).toHaveLength(1);
    }
    expect(
      await restrictedImportErrors(
        "import type { Table } from '@lancedb/lancedb/dist/table';\nexport type T = Table;\n",
        'src/main/core/library/bad.ts',
      ),
    ).toHaveLength(1);
    expect(await restrictedImportErrors(lance, 'src/main/core/store/good.ts')).toEqual([]);
    expect(await restrictedImportErrors(usearch, 'src/main/core/store/good.ts')).toEqual([]);
    // The store keeps the core's electron ban.
    expect(
      await restrictedImportErrors(
        "import { app } from 'electron';\nvoid app;\n",
        'src/main/core/store/bad.ts',
      ),
    ).toHaveLength(1);
  });
});
