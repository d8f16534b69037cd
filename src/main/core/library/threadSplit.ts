/**
 * How an ingest job splits the cores between ONNX Runtime's intra-op threads (the model) and the
 * extraction workers (pdf.js, OCR): one extraction worker per core for now, as before the split was
 * measured (bench/ingest.ts --ort-threads N --extract-workers M measures it).
 */
export function extractWorkersFor(cores: number): number {
  return Math.max(1, cores);
}
