import fs from 'node:fs';
import path from 'node:path';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { TOPIC_MODEL_FORMAT, type TopicModel } from '../topics/topicModel';
import { writeFileAtomically } from './indexFiles';

/**
 * Topic models on disk: `<library>/index/topics/<model>.bin`, one per embedding model (the latest
 * data version's). Derived data like the vector index and fitted-space files beside them: recomputed
 * when missing, unreadable, of another format, model fingerprint or data version; written atomically
 * in the contract's binary envelope (the per-document arrays stay typed arrays).
 */
function topicFile(indexDir: string, modelId: string): string {
  const safe = modelId.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(indexDir, 'topics', `${safe}.bin`);
}

/** The stored topic model of a model when it is the one for this fingerprint and data version. */
export function readTopicModel(
  indexDir: string,
  model: { id: string; fingerprint: string },
  dataVersion: string,
): TopicModel | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(topicFile(indexDir, model.id));
  } catch {
    return null;
  }
  try {
    const value = decodeWire(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as TopicModel;
    const current =
      value?.format === TOPIC_MODEL_FORMAT &&
      value.model === model.id &&
      value.fingerprint === model.fingerprint &&
      value.dataVersion === dataVersion;
    return current ? value : null;
  } catch {
    return null;
  }
}

/** Saves a topic model (replacing the model's previous one). */
export function writeTopicModel(indexDir: string, topics: TopicModel): void {
  const file = topicFile(indexDir, topics.model);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = encodeWire(topics);
  writeFileAtomically(file, (tmp) => fs.writeFileSync(tmp, bytes));
}
