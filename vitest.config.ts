import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // builds the web terminal (app/dist) once, before any test starts an engine or a browser
    globalSetup: ['tests/global-setup.ts'],
    exclude: ['**/node_modules/**', 'tests/**/*.live.test.ts'],
    // Native modules (litesvm, solana-bankrun) and real servers are safest in child processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
