import { isAsyncIterable, type UploadBody } from '../../../shared/api/methods/files';
import { listDirectory } from '../files/listDirectory';
import { saveUpload } from '../files/saveUpload';
import type { DomainHandlers } from './types';

/** `files.*`: browse the core machine's folders and receive browser uploads. */
export function fileHandlers(): DomainHandlers<'files.list' | 'files.upload'> {
  return {
    'files.list': ({ path, showHidden }) => listDirectory(path, showHidden),
    'files.upload': async ({ targetDir, name, body }) => ({
      path: await saveUpload(targetDir, name, chunksOf(body)),
    }),
  };
}

/** The HTTP request body is already a stream of chunks; a Blob (in-process callers) is streamed. */
function chunksOf(body: UploadBody): AsyncIterable<Uint8Array> {
  return isAsyncIterable(body) ? body : (body.stream() as AsyncIterable<Uint8Array>);
}
