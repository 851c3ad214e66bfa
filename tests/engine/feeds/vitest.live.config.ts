/**
 * Runs only the real-exchange tests: `RUN_LIVE_TESTS=1 npx vitest run -c tests/engine/feeds/vitest.live.config.ts`.
 * The main vitest.config.ts excludes *.live.test.ts; without RUN_LIVE_TESTS=1 they skip anyway.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../../', import.meta.url)),
    include: ['tests/**/*.live.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
