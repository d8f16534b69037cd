/**
 * Tesseract's relaxed-SIMD WebAssembly build may use fused multiply-add and dot-product instructions;
 * tesseract.js takes it when the WebAssembly engine accepts relaxed SIMD, else the plain SIMD build.
 * Electron's V8 (Chromium 114+) and Node 22+ ship relaxed SIMD; Node 20's V8 (11.3) has it behind
 * `--experimental-wasm-relaxed-simd`, which bench:ocr-options sets per variant. Loci does not set it: on
 * Node 20 the relaxed build measured the same CPU time per page as the SIMD one (x1.01-1.03).
 */

/** A module whose one function uses relaxed SIMD's `i8x16.relaxed_swizzle` (as wasm-feature-detect). */
const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 1, 253, 15, 65, 2,
  253, 15, 253, 128, 2, 11,
]);

/** Whether this process's WebAssembly engine accepts relaxed SIMD now. */
export function relaxedSimdAvailable(): boolean {
  return WebAssembly.validate(PROBE);
}
