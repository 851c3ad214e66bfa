/**
 * `npm run build:app [-- --force]`: builds the web terminal (app/ → app/dist) when its sources
 * changed since the last build, or always with --force. `npm start`, `npm run demo` and `npm test`
 * do the same check on their own; this is for building ahead (an image, a deploy).
 */
import { ensureTerminalBuilt } from '../engine/src/api/terminal/build.js';

const log = { info: (obj: object, msg: string) => console.log(msg, JSON.stringify(obj)) };
const result = await ensureTerminalBuilt(log, { force: process.argv.includes('--force') });
if (!result.built) console.log(`app/dist is current (sources ${result.hash.slice(0, 12)})`);
