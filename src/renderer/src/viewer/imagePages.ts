/** An image document's pages (one for PNG and JPEG, one per image of a multi-page TIFF). */
export interface ImagePages {
  count: number;
  /** Draws a page (1-based) on a new canvas at the image's own resolution. */
  render(page: number): Promise<HTMLCanvasElement>;
  close(): void;
}

/** TIFF starts with `II*\0` (little-endian) or `MM\0*` (big-endian). */
function isTiff(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  return (
    (a === 0x49 && b === 0x49 && c === 0x2a && d === 0) || (a === 0x4d && b === 0x4d && c === 0 && d === 0x2a)
  );
}

function canvasOf(
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw images');
  return { canvas, context };
}

/**
 * Decodes an image document in the page (never on the server: decoding is CPU work). PNG and JPEG
 * through the browser's own decoder; TIFF, which browsers do not show, through utif2 (the decoder
 * ingest uses, loaded only when a TIFF is opened), one page at a time.
 */
export async function openImagePages(bytes: Uint8Array): Promise<ImagePages> {
  const pages = await decodePages(bytes);
  // Zooming redraws the same page: keep its canvas rather than decode it again.
  let last: { page: number; canvas: Promise<HTMLCanvasElement> } | null = null;
  return {
    ...pages,
    render: (page) => {
      if (last?.page !== page) last = { page, canvas: pages.render(page) };
      return last.canvas;
    },
  };
}

async function decodePages(bytes: Uint8Array): Promise<ImagePages> {
  if (!isTiff(bytes)) {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    return {
      count: 1,
      render: async () => {
        const { canvas, context } = canvasOf(bitmap.width, bitmap.height);
        context.drawImage(bitmap, 0, 0);
        return canvas;
      },
      close: () => bitmap.close(),
    };
  }
  const { default: UTIF } = await import('utif2');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // The same pages ingest reads (extractImage.ts): directories that hold an image.
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd['t256'] && ifd['t257']);
  if (ifds.length === 0) throw new Error('no image in this TIFF');
  return {
    count: ifds.length,
    render: async (page) => {
      const ifd = ifds[Math.max(0, Math.min(ifds.length - 1, page - 1))]!;
      UTIF.decodeImage(buffer, ifd);
      const rgba = UTIF.toRGBA8(ifd);
      const { canvas, context } = canvasOf(ifd.width, ifd.height);
      const pixels = new ImageData(
        new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length),
        ifd.width,
        ifd.height,
      );
      context.putImageData(pixels, 0, 0);
      ifd.data = new Uint8Array(0); // decoded again when the page is shown again
      return canvas;
    },
    close: () => undefined,
  };
}
