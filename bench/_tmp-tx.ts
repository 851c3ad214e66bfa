import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { Keypair } from '@solana/web3.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { signQuote } from '../engine/src/signer/signed-quote.js';
import { EXEC_TRADE_PROGRAM_ID, buildTakeQuoteTx, createExecTradeProgram, buildTakeQuoteIx, buildEd25519Ix, buildV0Tx, QuoteVerifier, quoteBytes, quoteFillPda, positionPda } from '../engine/src/client/index.js';
const program = createExecTradeProgram();
const oracle = createSigner(randomBytes(32));
const now = Date.now();
const quote = () => signQuote({ cluster: 1, asset: 1, flags: 0, programId: EXEC_TRADE_PROGRAM_ID.toBytes(), quoteId: randomBytes(16), epoch: 1n,
  expiryTs: BigInt(Math.floor(now / 1000) + 60), strike: 97_300_000_000n, upPrice: 523_417n, downPrice: 496_583n,
  maxSize: 1_000_000_000n, validUntilMs: BigInt(now + 60_000), generatedAtMs: BigInt(now), refPrice: 97_312_345_678n, refTsMs: BigInt(now) }, oracle, 'BTCUSDT');
const trader = Keypair.generate().publicKey; const mint = Keypair.generate().publicKey;
const bh = bs58.encode(randomBytes(32));
const n = 400; const js = Array.from({ length: n }, () => JSON.parse(JSON.stringify(quote())));
const v = await QuoteVerifier.create();
const time = async (label: string, f: (q: any) => unknown) => { for (const q of js.slice(0, 20)) await f(q); const t0 = performance.now(); for (const q of js) await f(q); console.log(label.padEnd(12), ((performance.now() - t0) * 1000 / n).toFixed(0), 'us'); };
await time('verify', (q) => v.verify(q, { expectedSigner: bs58.encode(oracle.publicKey), nowMs: now }));
const ids = js.map((q) => Uint8Array.from(Buffer.from(q.quoteId, 'hex')));
let i = 0;
await time('2 pdas', () => { const id = randomBytes(16); quoteFillPda(id); positionPda(id, trader); });
await time('ix (memo)', (q) => buildTakeQuoteIx(program, { trader, quoteId: Uint8Array.from(Buffer.from(q.quoteId, 'hex')), asset: 1, expiryTs: BigInt(q.expiryTs), side: 0, size: 5n, collateralMint: mint }));
await time('ed25519ix', (q) => { const b = quoteBytes(q); buildEd25519Ix(b.signer, b.message, b.signature); });
const ix = await buildTakeQuoteIx(program, { trader, quoteId: ids[0]!, asset: 1, expiryTs: BigInt(js[0].expiryTs), side: 0, size: 5n, collateralMint: mint });
const b0 = quoteBytes(js[0]); const eix = buildEd25519Ix(b0.signer, b0.message, b0.signature);
await time('compile', () => buildV0Tx(trader, bh, [eix, ix]));
await time('full', (q) => buildTakeQuoteTx({ program, oracleAuthority: bs58.encode(oracle.publicKey), trader, collateralMint: mint, recentBlockhash: bh, nowMs: now, side: 'up', size: 100_000_000n, quote: q, openRound: false }));
for (let k = 0; k < 3000; k++) buildV0Tx(trader, bh, [eix, ix]);
