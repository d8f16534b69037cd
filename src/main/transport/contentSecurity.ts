/**
 * The Content-Security-Policy of every page Loci serves (browser mode and the Electron window).
 * No remote origin anywhere: scripts, styles, fonts, images and connections stay on this origin, so
 * nothing the page does can reach the network, and injected markup cannot run code.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets pdf.js compile its own WebAssembly decoders (OpenJPEG for JPEG 2000
  // images, JBIG2, colour management), served from this origin; it allows no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // React and Plotly set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response of the local server. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
