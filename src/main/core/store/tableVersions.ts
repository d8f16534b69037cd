import fs from 'node:fs';
import path from 'node:path';

/**
 * The versions of a LanceDB table, read from its `_versions/` folder rather than through
 * `table.listVersions()`: that call decodes every manifest and fails as a whole when one of them is
 * garbage, which is exactly when the doctor needs the list.
 *
 * Lance names manifests either `<version>.manifest` (V1) or, in the V2 scheme this LanceDB writes,
 * `<u64::MAX - version>.manifest` zero-padded to 20 digits, so that a plain listing sorts newest first.
 */

const U64_MAX = 0xffff_ffff_ffff_ffffn;

export interface ManifestFile {
  version: number;
  /** Absolute path of the manifest. */
  file: string;
}

/** The folder of a table inside the LanceDB directory. */
export function tableDir(lanceDir: string, table: string): string {
  return path.join(lanceDir, `${table}.lance`);
}

/** Version number a manifest file name stands for, or null for other files. */
export function manifestVersion(name: string): number | null {
  const match = /^(\d+)\.manifest$/.exec(name);
  if (!match) return null;
  const n = BigInt(match[1] as string);
  // A V2 name is u64::MAX - version: always far above any real version number.
  const version = match[1]!.length === 20 && n > U64_MAX / 2n ? U64_MAX - n : n;
  return Number(version);
}

/** The table's manifests, newest first (empty when the folder or `_versions/` is missing). */
export function listManifests(lanceDir: string, table: string): ManifestFile[] {
  const dir = path.join(tableDir(lanceDir, table), '_versions');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: ManifestFile[] = [];
  for (const name of names) {
    const version = manifestVersion(name);
    if (version !== null) out.push({ version, file: path.join(dir, name) });
  }
  return out.sort((a, b) => b.version - a.version);
}

/** Table names present as `<name>.lance` folders, whether or not LanceDB can open them. */
export function tableFolders(lanceDir: string): string[] {
  try {
    return fs
      .readdirSync(lanceDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name.endsWith('.lance'))
      .map((e) => e.name.slice(0, -'.lance'.length))
      .sort();
  } catch {
    return [];
  }
}
