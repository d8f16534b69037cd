import fs from 'node:fs';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { SpaceLevel, VectorSpace } from '../vectorSpace/vectorSpace';
import { writeFileAtomically } from './indexFiles';

/**
 * Fitted vector spaces on disk: `<library>/index/space/<model>.<level>.bin`, one per model and level.
 * Derived data like the vector index files beside them (refitted from LanceDB when missing, unreadable,
 * of another format or of an older data version), written atomically in the contract's binary envelope.
 */
export const SPACE_FORMAT = 1;

function spaceFile(indexDir: string, modelId: string, level: SpaceLevel): string {
  // Model ids are registry names; keep the file name to a safe alphabet whatever they hold.
  const safe = modelId.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(indexDir, 'space', `${safe}.${level}.bin`);
}

/** The stored space of a model and level, or null when there is none readable. */
export function readVectorSpace(indexDir: string, modelId: string, level: SpaceLevel): VectorSpace | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(spaceFile(indexDir, modelId, level));
  } catch {
    return null;
  }
  try {
    const value = decodeWire(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as {
      format: number;
      space: VectorSpace;
    };
    if (value?.format !== SPACE_FORMAT || value.space.modelId !== modelId || value.space.level !== level)
      return null;
    return value.space;
  } catch {
    return null;
  }
}

/** Saves a space (replacing the model's previous one at that level). */
export function writeVectorSpace(indexDir: string, space: VectorSpace): void {
  const file = spaceFile(indexDir, space.modelId, space.level);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = encodeWire({ format: SPACE_FORMAT, space });
  writeFileAtomically(file, (tmp) => fs.writeFileSync(tmp, bytes));
}
