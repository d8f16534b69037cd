import { listDirectory } from '../files/listDirectory';
import { saveUpload } from '../files/saveUpload';
import type { DomainHandlers } from './types';

/** `files.*`: browse the core machine's folders and receive browser uploads. */
export function fileHandlers(): DomainHandlers<'files.list' | 'files.upload'> {
  return {
    'files.list': ({ path, showHidden }) => listDirectory(path, showHidden),
    'files.upload': async ({ targetDir, name, dataBase64 }) => ({
      path: await saveUpload(targetDir, name, Buffer.from(dataBase64, 'base64')),
    }),
  };
}
