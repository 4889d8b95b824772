import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The integration and end-to-end suites build real sites and drive a real browser.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Builds share .cache/ and ports; files run one at a time, tests inside a file in order.
    fileParallelism: false,
  },
});
