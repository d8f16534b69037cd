import type { DocumentStatus } from '../../../shared/api/methods/library';

const labels: Record<DocumentStatus, string> = {
  ok: 'OK',
  partial: 'Partial',
  failed: 'Failed',
  encrypted: 'Encrypted',
  skipped: 'Skipped',
  timeout: 'Timed out',
};

/** A document's ingest status as a coloured pill; the colour is never the only signal (label text). */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {labels[status]}
    </span>
  );
}

export function statusLabel(status: DocumentStatus): string {
  return labels[status];
}
