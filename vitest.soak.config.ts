import { defineConfig } from 'vitest/config';

// Soak tests (minutes, not hours), run by npm test after the others, one at a
// time: they load the machine on purpose and measure the server while they do.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 150_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
