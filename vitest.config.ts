import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The soak runs alone afterwards (vitest.soak.config.ts): its 200 clients would slow the browser tests beside it.
    exclude: ['test/soak/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: browser tests and crash tests spawn processes of their own.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
