import { z } from 'zod';
import { method } from '../define';

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
}

export interface DirListing {
  path: string;
  /** null at the file system root. */
  parent: string | null;
  entries: DirEntry[];
  home: string;
}

export const fileMethods = {
  /**
   * Lists a folder on the machine running the core (browser mode's "Add folder" dialog). Starts at the
   * user's home; hidden entries are left out unless asked for.
   */
  'files.list': method<DirListing>()(
    z.object({ path: z.string().max(4096).optional(), showHidden: z.boolean().default(false) }).strict(),
  ),
  /**
   * Copies one uploaded file (browser drag and drop) into a folder the user chose, which becomes a
   * source. Refuses to overwrite and refuses names with path separators.
   */
  'files.upload': method<{ path: string }>()(
    z
      .object({
        targetDir: z.string().min(1).max(4096),
        name: z
          .string()
          .min(1)
          .max(255)
          .refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'invalid file name'),
        dataBase64: z.string().max(200 * 1024 * 1024),
      })
      .strict(),
  ),
};
