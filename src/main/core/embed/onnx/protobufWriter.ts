/**
 * A minimal protobuf wire-format encoder: just what the ONNX schema needs (varints, 64-bit integers,
 * fixed32 floats and length-delimited fields). Written by hand so model conversion needs no
 * protobuf library or generated code.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LENGTH_DELIMITED = 2;

/** Growable byte sink for one protobuf message. Nested messages are encoded into their own writer. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private scratch = new Uint8Array(1024);
  private used = 0;
  private total = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.total;
  }

  private ensure(extra: number): void {
    if (this.used + extra <= this.scratch.length) return;
    this.flushScratch();
    if (extra > this.scratch.length) this.scratch = new Uint8Array(Math.max(extra, 1024));
  }

  private flushScratch(): void {
    if (this.used === 0) return;
    this.chunks.push(this.scratch.slice(0, this.used));
    this.used = 0;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.scratch[this.used++] = b;
    this.total++;
  }

  /** Unsigned varint of a non-negative safe integer or any bigint (negative bigints as 64-bit two's complement). */
  private varint(value: number | bigint): void {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new RangeError(`varint: not a safe integer: ${value}`);
      if (value < 0) return this.varint(BigInt(value));
      // Small values are the common case (field tags, dims): keep them off the bigint path.
      while (value > 0x7f) {
        this.byte((value % 128) | 0x80);
        value = Math.floor(value / 128);
      }
      this.byte(value);
      return;
    }
    let v = BigInt.asUintN(64, value);
    while (v > 0x7fn) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** int32/int64/enum/bool field as a varint (negative numbers take ten bytes, as protobuf requires). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
    return this;
  }

  /** `float` field (fixed32, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.ensure(4);
    new DataView(this.scratch.buffer, this.scratch.byteOffset).setFloat32(this.used, value, true);
    this.used += 4;
    this.total += 4;
    return this;
  }

  /** `bytes` field. */
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(data.length);
    this.raw(data);
    return this;
  }

  /** `string` field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Embedded message field, built by `build` into a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(inner.length);
    for (const chunk of inner.finishChunks()) this.raw(chunk);
    return this;
  }

  private raw(data: Uint8Array): void {
    if (data.length <= 256) {
      this.ensure(data.length);
      this.scratch.set(data, this.used);
      this.used += data.length;
    } else {
      // Large payloads (weights) are kept by reference rather than copied into the scratch buffer.
      this.flushScratch();
      this.chunks.push(data);
    }
    this.total += data.length;
  }

  private finishChunks(): Uint8Array[] {
    this.flushScratch();
    return this.chunks;
  }

  /** The encoded message as one contiguous buffer. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const chunk of this.finishChunks()) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
