import type { SearchHit, SearchResponse } from '../../../shared/api/methods/search';
import { exportFileName, resultsToCsv, resultsToJson } from './exportResults';

/** Saves a text as a file through the browser's download (the app's own save dialog in Electron). */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "CSV" and "JSON": the results shown (every loaded page), one row per passage. */
export function ExportButtons({ response, results }: { response: SearchResponse; results: SearchHit[] }) {
  return (
    <span className="export-buttons">
      Export{' '}
      <button
        type="button"
        className="link-button small"
        data-testid="export-csv"
        onClick={() =>
          download(exportFileName(response.query, 'csv'), 'text/csv;charset=utf-8', resultsToCsv(results))
        }
      >
        CSV
      </button>{' '}
      <button
        type="button"
        className="link-button small"
        data-testid="export-json"
        onClick={() =>
          download(
            exportFileName(response.query, 'json'),
            'application/json',
            resultsToJson(response, results),
          )
        }
      >
        JSON
      </button>
    </span>
  );
}
