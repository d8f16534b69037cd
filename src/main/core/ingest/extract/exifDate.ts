/**
 * EXIF `DateTimeOriginal` (when a photo or scan was taken) from the bytes of a JPEG (APP1 `Exif`
 * segment), a TIFF (the file is itself a TIFF structure) or a PNG (`eXIf` chunk): a few header reads,
 * no image decoding. EXIF stores local time without a zone (`YYYY:MM:DD HH:MM:SS`); it is read as UTC,
 * like the other zone-less dates (documentDate.ts). Undefined when there is none or it is malformed.
 */

const EXIF_IFD_POINTER = 0x8769;
const DATE_TIME_ORIGINAL = 0x9003;
const ASCII = 2;

export function exifDateTimeOriginal(bytes: Uint8Array): number | undefined {
  try {
    const tiff = tiffBlock(bytes);
    return tiff ? readDateTimeOriginal(tiff) : undefined;
  } catch {
    return undefined; // a truncated or lying header: no date
  }
}

/** The TIFF structure holding the EXIF data, wherever the format keeps it. */
function tiffBlock(b: Uint8Array): DataView | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 8) return undefined;
  const isTiff =
    (b[0] === 0x49 && b[1] === 0x49 && b[2] === 42) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 42);
  if (isTiff) return view;
  if (b[0] === 0xff && b[1] === 0xd8) {
    // JPEG: walk the marker segments up to the image data.
    for (let at = 2; at + 4 <= b.length;) {
      if (b[at] !== 0xff) return undefined;
      const marker = b[at + 1]!;
      if (marker === 0xda || marker === 0xd9) return undefined; // start of scan / end of image
      const length = view.getUint16(at + 2);
      const isExif =
        marker === 0xe1 && length >= 8 && String.fromCharCode(...b.subarray(at + 4, at + 10)) === 'Exif\0\0';
      if (isExif)
        return new DataView(b.buffer, b.byteOffset + at + 10, Math.min(length - 8, b.length - at - 10));
      at += 2 + length;
    }
    return undefined;
  }
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    // PNG: the eXIf chunk (before the image data by the specification).
    for (let at = 8; at + 8 <= b.length;) {
      const length = view.getUint32(at);
      const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
      if (type === 'eXIf')
        return new DataView(b.buffer, b.byteOffset + at + 8, Math.min(length, b.length - at - 8));
      if (type === 'IDAT' || type === 'IEND') return undefined;
      at += 12 + length;
    }
  }
  return undefined;
}

/** Reads IFD0 -> Exif IFD -> DateTimeOriginal from a TIFF structure. */
function readDateTimeOriginal(tiff: DataView): number | undefined {
  const little = tiff.getUint16(0) === 0x4949;
  const u16 = (at: number) => tiff.getUint16(at, little);
  const u32 = (at: number) => tiff.getUint32(at, little);
  const entry = (ifd: number, tag: number): number | undefined => {
    const count = u16(ifd);
    for (let i = 0; i < Math.min(count, 512); i++) {
      const at = ifd + 2 + i * 12;
      if (u16(at) === tag) return at;
    }
    return undefined;
  };
  const pointer = entry(u32(4), EXIF_IFD_POINTER);
  if (pointer === undefined) return undefined;
  const date = entry(u32(pointer + 8), DATE_TIME_ORIGINAL);
  if (date === undefined || u16(date + 2) !== ASCII) return undefined;
  const count = u32(date + 4);
  if (count < 19 || count > 64) return undefined;
  const at = u32(date + 8);
  let text = '';
  for (let i = 0; i < 19; i++) text += String.fromCharCode(tiff.getUint8(at + i));
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}
