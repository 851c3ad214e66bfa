/**
 * Builds the terminal (app/) into app/dist, which the engine serves at `/`
 * (engine/src/api/terminal/). The app imports the SDK from engine/src/client directly. A missing
 * export in a browser bundle (a CommonJS default import, a Node-only module) fails the build
 * instead of shipping `undefined`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const FATAL = new Set(['IMPORT_IS_UNDEFINED', 'MISSING_EXPORT', 'UNRESOLVED_IMPORT']);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    // one bundle: web3.js, anchor and the charts are ~600 kB minified, loaded once and cached (hashed names)
    chunkSizeWarningLimit: 1_500,
    rolldownOptions: {
      onwarn(warning, warn) {
        if (warning.code !== undefined && FATAL.has(warning.code)) throw new Error(`terminal build: ${warning.message}`);
        warn(warning);
      },
    },
  },
});
