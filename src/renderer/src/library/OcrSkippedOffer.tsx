import { useState } from 'react';
import { useClient } from '../api/ClientContext';
import { plural } from '../components/formatters';

/**
 * "OCR N skipped files": shown while the library holds skipped documents that OCR may read (scans
 * skipped for "no text layer" by an older version, or whose OCR failed). The button starts the
 * `library.ocrSkipped` job, which the progress bar above follows (with its Cancel button).
 */
export function OcrSkippedOffer({
  count,
  busy,
  onStarted,
  onError,
}: {
  count: number;
  busy: boolean;
  onStarted: () => void;
  onError: (message: string) => void;
}) {
  const client = useClient();
  const [starting, setStarting] = useState(false);
  if (count === 0) return null;

  async function start() {
    setStarting(true);
    try {
      await client.call('library.ocrSkipped', {});
      onStarted();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="card ocr-offer" aria-labelledby="ocr-offer-title" data-testid="ocr-offer">
      <header className="card-header">
        <h3 id="ocr-offer-title">Scanned files without text</h3>
        <button
          type="button"
          disabled={busy || starting}
          title={busy ? 'A job is running' : 'Read these files again with OCR (text recognition)'}
          onClick={() => void start()}
        >
          OCR {plural(count, 'skipped file')}
        </button>
      </header>
      <p className="muted small">
        {count === 1 ? 'One file was' : `${count.toLocaleString()} files were`} skipped because no text could
        be read from {count === 1 ? 'it' : 'them'} (a scan without a text layer, or OCR that did not finish).
        OCR reads the page images on this computer; it takes a few seconds a page.
      </p>
    </section>
  );
}
