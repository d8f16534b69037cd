/**
 * How an ingest job splits the cores between ONNX Runtime's intra-op threads (the model) and the
 * extraction workers (pdf.js; OCR for scans). The rule, for N cores:
 *
 *   ONNX Runtime intra-op threads = N (ortSession.ts; spinning is off, so they yield while idle)
 *   extraction workers            = ceil(N / 4): 1 on 2 and 4 cores, 2 on 8, 4 on 16
 *
 * Why: on text PDFs the model is the bottleneck and extraction needs a small share of the CPU
 * (the extraction stage ran during 19-24% of the wall time, the model during 91%). Every extraction
 * worker that runs at the same moment as the model takes a core from one of ORT's intra-op threads,
 * and a run waits for its slowest thread, so a second worker on 2 cores cost more model time than
 * it saved. Measured with bench/ingest.ts --sample 60 --only-e2e (60 TeX Live PDFs, 919 pages) on
 * 2 cores shared with other jobs (load average 22-37, so only the ratio within each run counts):
 *
 *   ORT threads  extraction workers  end to end / embed-only of the same chunks
 *   2            2 (the old default)  1.19x
 *   2            1                    1.00x   <- the rule on 2 cores
 *
 * Scanned PDFs reverse the balance (OCR costs more than embedding the text it yields), so a library
 * of scans is extracted more slowly with this split than with one worker per core.
 */
export function extractWorkersFor(cores: number): number {
  return Math.max(1, Math.ceil(cores / 4));
}
