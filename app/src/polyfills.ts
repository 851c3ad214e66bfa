/**
 * Imported first by main.ts: @solana/web3.js and @coral-xyz/anchor use Node's `Buffer`, which
 * browsers do not have; the `buffer` package is the same API.
 */
import { Buffer } from 'buffer';

const g = globalThis as unknown as { Buffer?: typeof Buffer };
g.Buffer ??= Buffer;
