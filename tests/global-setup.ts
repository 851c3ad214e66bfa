/**
 * vitest global setup: build the web terminal (app/ → app/dist) once before any test file runs, so
 * the browser tests and every engine a test starts serve the current sources (a cold CI clone has
 * no build). The engine would build it too, but test files start engines in parallel.
 */
import { ensureTerminalBuilt } from '../engine/src/api/terminal/build.js';

export default async function setup(): Promise<void> {
  const quiet = { info: () => undefined };
  await ensureTerminalBuilt(quiet);
}
