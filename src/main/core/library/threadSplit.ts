/**
 * How an ingest job splits the cores between ONNX Runtime's intra-op threads (the model) and the
 * extraction workers (pdf.js; OCR for scans). The rule, for N cores:
 *
 *   ONNX Runtime intra-op threads = N (ortSession.ts; spinning is off, so they yield while idle)
 *   extraction workers            = N
 *
 * Which side needs the cores depends on the model's speed. Measured with bench/ingest.ts --sample 60
 * --only-e2e (60 TeX Live PDFs, 919 pages, 6,857 chunks) on 2 cores:
 *
 *   model (speed alone)            ORT  workers  end to end   end to end / embed-only
 *   use-lite fp32 (~11 chunks/s*)   2      2       981 s        1.19x   (* load average 22-37)
 *   use-lite fp32                   2      1       618 s        1.00x
 *   use-lite-int8 (~420-510/s)      2      1        33.8 s      2.07x   (quiet machine, load ~2)
 *   use-lite-int8                   2      2        26.6 s      1.98x   <- the rule
 *
 * With the slow fp32 model the model is the bottleneck and a second worker only took cores from its
 * threads; with the int8 model (the default) extraction is the bottleneck and one worker per core is
 * 27% faster end to end. Under heavy load only the ratio within one run is comparable.
 */
export function extractWorkersFor(cores: number): number {
  return Math.max(1, cores);
}
