import type { DocumentKind } from '../../../shared/api/methods/library';
import { documentKinds, kindLabels } from './vocabulary';

/** "All kinds" or one document kind; the caller wraps it in its own <label>. */
export function KindSelect({
  value,
  onChange,
}: {
  value: DocumentKind | '';
  onChange: (kind: DocumentKind | '') => void;
}) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as DocumentKind | '')}>
      <option value="">All kinds</option>
      {documentKinds.map((k) => (
        <option key={k} value={k}>
          {kindLabels[k]}
        </option>
      ))}
    </select>
  );
}
