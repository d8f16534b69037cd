import { z } from 'zod';
import { method } from '../define';

/** `settings.*`: the user's choices, kept in the data folder. */

/** The colour theme: follow the operating system's light/dark choice, or always light or dark. */
export type ThemePreference = 'system' | 'light' | 'dark';

export const themePreferences: readonly ThemePreference[] = ['system', 'light', 'dark'];

/**
 * What a chunk's vector is made from besides its text: `none`, the document's `title`, or the title and
 * the chunk's headings (`title-headings`).
 */
export type EmbeddedText = 'none' | 'title' | 'title-headings';

export const embeddedTextChoices: readonly EmbeddedText[] = ['none', 'title', 'title-headings'];

export interface Settings {
  /** Model used for ingest and search unless a call names another. */
  defaultModel: string;
  /** Threads for ONNX Runtime and extraction workers; null = number of cores. */
  threads: number | null;
  /**
   * Languages OCR reads scanned pages and images in (Tesseract codes such as `eng`, `deu`, `fra`), each
   * an installed `@tesseract.js-data/<code>` npm pack; default `['eng']`. Applies to documents read
   * from now on.
   */
  ocrLanguages: string[];
  /** The app's colour theme; `system` (the default) follows the OS setting live. */
  theme: ThemePreference;
  /**
   * What vectors embed besides the chunk text; default `none`. A new library takes it; a library made
   * with another keeps its vectors and is offered a re-embed (`LibraryStatus.reembedText`,
   * `library.reembedText`).
   */
  embeddedText: EmbeddedText;
}

/** An OCR language Loci can read in: an installed `@tesseract.js-data/<code>` pack. */
export interface OcrLanguage {
  /** Tesseract code, e.g. `eng`, `fra`, `chi_sim`. */
  code: string;
  /** English name when known (e.g. "French"), else the code. */
  name: string;
}

export const settingsMethods = {
  /** The current settings. */
  'settings.get': method<Settings>()(z.object({}).strict()),
  /** The OCR languages whose packs are installed (what `ocrLanguages` may hold), by code. */
  'settings.ocrLanguages': method<{ installed: OcrLanguage[] }>()(z.object({}).strict()),
  /**
   * Changes some settings; an unknown default model is NOT_FOUND, an OCR language without an installed
   * pack is INVALID_INPUT. The theme applies at once in every face that reads it.
   */
  'settings.set': method<Settings>()(
    z
      .object({
        defaultModel: z.string().max(100).optional(),
        threads: z.number().int().min(1).max(256).nullable().optional(),
        ocrLanguages: z
          .array(z.string().regex(/^[a-z_]{3,12}$/))
          .min(1)
          .max(8)
          .optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
        embeddedText: z.enum(['none', 'title', 'title-headings']).optional(),
      })
      .strict(),
  ),
};
