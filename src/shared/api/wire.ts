/**
 * Binary envelope for results that carry typed arrays (map coordinates, similarity matrices), so they
 * cross HTTP as raw bytes instead of JSON number lists. IPC needs none of this: structured clone keeps
 * typed arrays as they are.
 *
 * Layout: "LOCW" | u32 header length | header JSON (UTF-8) | zero padding to 8 | array bytes, each
 * array 8-byte aligned. In the header every typed array is replaced by {"$typed": kind, "offset",
 * "length"} (offset in bytes from the start of the array section, length in elements).
 */

// The shared project has neither DOM nor Node types; both runtimes provide these globals.
declare const TextEncoder: { new (): { encode(text: string): Uint8Array } };
declare const TextDecoder: { new (): { decode(bytes: Uint8Array): string } };

export const wireContentType = 'application/x-loci-wire';

const ctors = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint32Array,
  Uint16Array,
  Int16Array,
  Uint8Array,
  Int8Array,
} as const;
type TypedKind = keyof typeof ctors;
type AnyTyped = InstanceType<(typeof ctors)[TypedKind]>;

function typedKind(value: unknown): TypedKind | null {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return null;
  const name = value.constructor.name as TypedKind;
  return name in ctors ? name : null;
}

/** True when a value holds at least one typed array anywhere inside (and so should go as wire). */
export function containsTypedArray(value: unknown, depth = 0): boolean {
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (typedKind(value)) return true;
  if (Array.isArray(value)) return value.some((v) => containsTypedArray(v, depth + 1));
  return Object.values(value as Record<string, unknown>).some((v) => containsTypedArray(v, depth + 1));
}

const align8 = (n: number) => (n + 7) & ~7;

export function encodeWire(value: unknown): Uint8Array {
  const arrays: AnyTyped[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, v: unknown) => {
    const kind = typedKind(v);
    if (!kind) return v;
    const typed = v as AnyTyped;
    const entry = { $typed: kind, offset, length: typed.length };
    arrays.push(typed);
    offset = align8(offset + typed.byteLength);
    return entry;
  });
  const headerBytes = new TextEncoder().encode(header);
  const start = align8(8 + headerBytes.length);
  const out = new Uint8Array(start + offset);
  out.set([0x4c, 0x4f, 0x43, 0x57], 0); // "LOCW"
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let at = start;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align8(at + a.byteLength);
  }
  return out;
}

export function decodeWire(bytes: Uint8Array): unknown {
  if (bytes[0] !== 0x4c || bytes[1] !== 0x4f || bytes[2] !== 0x43 || bytes[3] !== 0x57) {
    throw new Error('Not a Loci wire message');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  const start = align8(8 + headerLength);
  // Copy the array section once into an aligned buffer, so every typed view is aligned.
  const section = bytes.slice(start).buffer;
  return JSON.parse(header, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$typed' in v) {
      const { $typed, offset, length } = v as { $typed: TypedKind; offset: number; length: number };
      const Ctor = ctors[$typed];
      if (!Ctor) throw new Error(`Unknown typed array kind ${String($typed)}`);
      return new Ctor(section, offset, length);
    }
    return v;
  });
}
