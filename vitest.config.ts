import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real LanceDB, ONNX Runtime, pdf.js and Chromium make some tests slow on 2 cores; they are
    // correctness tests, never timing tests.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['tests/support/globalSetup.ts'],
  },
});
