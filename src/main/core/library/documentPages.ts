import type { PageText } from '../../../shared/api/methods/documents';
import { LociError } from '../../../shared/api/errors';
import { createExtractPool } from '../ingest/extractPool';
import type { SourceKind } from '../ingest/types';
import type { DocumentRecord } from '../store/storeTypes';

/**
 * The text of a document page by page, for the reader view and highlighting. The library stores
 * chunks, not whole pages, so the file is extracted again (in a worker, with the usual limits); the
 * result matches the indexed chunks' offsets as long as the file is unchanged, which is checked.
 */
export async function readDocumentPages(doc: DocumentRecord): Promise<PageText[]> {
  const pool = createExtractPool({ workers: 1 });
  try {
    const result = await pool.extract({ path: doc.path, kind: doc.kind as SourceKind });
    if (result.status !== 'ok') {
      throw new LociError('UNAVAILABLE', `Cannot read ${doc.path}: ${result.reason ?? result.status}`);
    }
    if (result.sha256 && doc.sha256 && result.sha256 !== doc.sha256) {
      throw new LociError(
        'CONFLICT',
        `${doc.path} changed since it was indexed; sync the library to view it.`,
      );
    }
    return result.pages.map((p) => {
      // A page's heading path: the first section's, when the format has sections.
      const headingPath = p.sections?.[0]?.headingPath ?? [];
      return { page: p.page, text: p.text, headingPath };
    });
  } finally {
    await pool.close();
  }
}
