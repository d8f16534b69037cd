// pdfjs-dist ships no types for its worker module; extractPdf only hands it to pdf.js's fake worker.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
