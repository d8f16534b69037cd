import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { exifDateTimeOriginal } from '../../../src/main/core/ingest/extract/exifDate';
import { extractDocument, extractDocumentDate } from '../../../src/main/core/ingest/extract/extractDocument';
import { DEFAULT_EXTRACT_LIMITS } from '../../../src/main/core/ingest/types';
import { makeTempDir } from '../../support/tempDir';

/**
 * A TIFF structure as cameras write it into EXIF: IFD0 with the Exif IFD pointer (0x8769), the Exif
 * IFD with DateTimeOriginal (0x9003, ASCII, 20 bytes with the NUL).
 */
function exifTiff(dateText: string, little = true): Buffer {
  const b = Buffer.alloc(64);
  const u16 = (v: number, at: number) => (little ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(little ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8); // IFD0: one entry
  u16(0x8769, 10);
  u16(4, 12); // LONG
  u32(1, 14);
  u32(26, 18); // -> Exif IFD
  u32(0, 22);
  u16(1, 26); // Exif IFD: one entry
  u16(0x9003, 28);
  u16(2, 30); // ASCII
  u32(20, 32);
  u32(44, 36); // -> the text
  u32(0, 40);
  b.write(`${dateText}\0`, 44, 'latin1');
  return b;
}

/** A real JPEG (drawn with canvas) with an APP1 Exif segment inserted after its SOI marker. */
function jpegWithExif(dateText: string): Buffer {
  const canvas = createCanvas(40, 30);
  canvas.getContext('2d').fillRect(5, 5, 20, 10);
  const jpeg = canvas.toBuffer('image/jpeg');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(dateText)]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** A real PNG with an eXIf chunk before its image data. */
function pngWithExif(dateText: string): Buffer {
  const png = createCanvas(40, 30).toBuffer('image/png');
  const data = exifTiff(dateText, false);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('eXIf', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

describe('EXIF DateTimeOriginal', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('reads it from JPEG, PNG and TIFF structures, either byte order', () => {
    const when = Date.UTC(2009, 6, 14, 15, 16, 17);
    expect(exifDateTimeOriginal(jpegWithExif('2009:07:14 15:16:17'))).toBe(when);
    expect(exifDateTimeOriginal(pngWithExif('2009:07:14 15:16:17'))).toBe(when);
    expect(exifDateTimeOriginal(exifTiff('2009:07:14 15:16:17', false))).toBe(when);
  });

  it('none for images without EXIF, blank camera dates and truncated headers', () => {
    expect(exifDateTimeOriginal(createCanvas(10, 10).toBuffer('image/jpeg'))).toBeUndefined();
    expect(exifDateTimeOriginal(createCanvas(10, 10).toBuffer('image/png'))).toBeUndefined();
    expect(exifDateTimeOriginal(jpegWithExif('    :  :     :  :  '))).toBeUndefined();
    expect(exifDateTimeOriginal(jpegWithExif('0000:00:00 00:00:00'))).toBeUndefined();
    expect(exifDateTimeOriginal(jpegWithExif('2009:07:14 15:16:17').subarray(0, 40))).toBeUndefined();
  });

  it('an image document carries it (OCR off or dates only), a nonsense one is dropped', async () => {
    const photo = path.join(tmp.dir, 'scan.jpg');
    fs.writeFileSync(photo, jpegWithExif('2016:03:04 05:06:07'));
    const noOcr = { ...DEFAULT_EXTRACT_LIMITS, ocr: { ...DEFAULT_EXTRACT_LIMITS.ocr, enabled: false } };
    expect((await extractDocument({ path: photo }, noOcr)).docDate).toBe(Date.UTC(2016, 2, 4, 5, 6, 7));
    expect((await extractDocumentDate({ path: photo })).docDate).toBe(Date.UTC(2016, 2, 4, 5, 6, 7));
    const old = path.join(tmp.dir, 'old.jpg');
    fs.writeFileSync(old, jpegWithExif('1970:01:01 00:00:00'));
    expect((await extractDocumentDate({ path: old })).docDate).toBeUndefined();
  });
});
