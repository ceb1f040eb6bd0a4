import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: browser tests and crash tests spawn processes of their own.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
