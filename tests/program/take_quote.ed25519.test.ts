/**
 * take_quote against forged or mis-laid Ed25519 instructions, executed natively: the real Ed25519
 * precompile of a solana-program-test bank verifies every signature, then the program pins the
 * instruction's layout. Cases the precompile catches fail at the Ed25519 instruction with
 * `Custom(n)`; cases where the precompile is satisfied (the signature is valid, just not over what
 * the program would read) fail at take_quote with the program's own error, which proves the
 * precompile passed them. Every case leaves every token balance as it was and conservation holding.
 */
import { randomBytes } from 'node:crypto';
import bs58 from 'bs58';
import { afterEach, describe, expect, it } from 'vitest';
import { ComputeBudgetProgram, PublicKey, type VersionedTransaction } from '@solana/web3.js';
import { createSigner } from '../../engine/src/signer/sign.js';
import { buildEd25519Ix, decodeQuote, encodeQuote, type SignedQuote } from '../../engine/src/client/index.js';
import { createEnv, expectOk, stopEnvs, type Env, type Trader } from '../helpers/exec-trade-env.js';
import { expectRejected, precompileError } from '../helpers/expect-rejected.js';
import { rawEd25519Ix, signedBlock, SELF } from '../helpers/ed25519-raw.js';
import { expectConserved } from '../helpers/conservation.js';

afterEach(stopEnvs);

const INVALID_SIGNATURE = precompileError('InvalidSignature');
const attacker = createSigner(randomBytes(32));

interface Setup {
  readonly env: Env;
  readonly t: Trader;
  readonly q: SignedQuote;
  /** The signed quote bytes. */
  readonly message: Uint8Array;
  /** A quote the oracle never signed (cheap UP, huge size), signed by the attacker's key. */
  readonly forged: { readonly message: Uint8Array; readonly signature: Uint8Array };
}

/** A chain with the quote's round already open, so a take is [Ed25519, take_quote]. */
async function setup(): Promise<Setup> {
  const env = await createEnv();
  const t = await env.newTrader();
  const q = await env.quote();
  expectOk(await env.openRound(1, BigInt(q.expiryTs)));
  const message = Uint8Array.from(Buffer.from(q.message, 'base64'));
  const forgedMessage = encodeQuote({ ...decodeQuote(message), upPrice: 10_000n, downPrice: 990_000n, maxSize: 400_000_000n });
  return { env, t, q, message, forged: { message: forgedMessage, signature: attacker.sign(forgedMessage) } };
}

const oracleKey = (env: Env): Uint8Array => env.oracle.publicKey;

/** Flips one bit of instruction `ix`'s data in the built (unsigned) transaction. */
const flipByte = (ix: number, offset: number) => (tx: VersionedTransaction): void => {
  const data = tx.message.compiledInstructions[ix]!.data;
  data[offset] = data[offset]! ^ 0x01;
};

async function expectNothingOpened(env: Env, q: SignedQuote): Promise<void> {
  expect((await env.round(1, BigInt(q.expiryTs)))!.openPositions).toBe(0);
  await expectConserved(env);
}

describe('take_quote signature checks (native bank: real Ed25519 precompile)', () => {
  it('a forged signature under the oracle key fails in the precompile (Custom(2) at the Ed25519 index)', async () => {
    const { env, t, q } = await setup();
    await expectRejected(env, () => env.take(t.kp, q, 'up', 10_000_000n, { openRound: false, tamper: flipByte(0, 48 + 7) }), INVALID_SIGNATURE, 0);
    await expectNothingOpened(env, q);
  });

  it('one flipped byte in the signed message (its max size) fails in the precompile', async () => {
    const { env, t, q } = await setup();
    // Quote bytes 88..96 are max_size; raising its top byte would let the trader overfill.
    await expectRejected(env, () => env.take(t.kp, q, 'up', 10_000_000n, { openRound: false, tamper: flipByte(0, 112 + 95) }), INVALID_SIGNATURE, 0);
    await expectNothingOpened(env, q);
  });

  it("the oracle's signature presented under another key fails in the precompile", async () => {
    const { env, t, q, message } = await setup();
    const ed = buildEd25519Ix(attacker.publicKey, message, bs58.decode(q.signature));
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { ed25519: ed }), INVALID_SIGNATURE, 0);
    await expectNothingOpened(env, q);
  });

  it('a quote validly signed by another key passes the precompile and is refused by take_quote (Ed25519WrongSigner)', async () => {
    const { env, t, q, forged } = await setup();
    const ed = buildEd25519Ix(attacker.publicKey, forged.message, forged.signature);
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { ed25519: ed }), 'Ed25519WrongSigner', 1);
    await expectNothingOpened(env, q);
  });

  it('Relay layout: oracle key at the canonical offset, the verified key elsewhere (Ed25519PublicKeyOffset)', async () => {
    const { env, t, q, forged } = await setup();
    // The precompile verifies the attacker's key (at 240) over the forged quote (at 112); a reader
    // of the canonical offsets would see the oracle's key at 16.
    const payload = Buffer.concat([Buffer.from(oracleKey(env)), Buffer.from(forged.signature), Buffer.from(forged.message), Buffer.from(attacker.publicKey)]);
    const ed = rawEd25519Ix(
      [{ signatureOffset: 48, signatureIndex: SELF, publicKeyOffset: 240, publicKeyIndex: SELF, messageOffset: 112, messageSize: forged.message.length, messageIndex: SELF }],
      payload,
    );
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { ed25519: ed }), 'Ed25519PublicKeyOffset', 1);
    await expectNothingOpened(env, q);
  });

  it('instruction indices redirected to another instruction (Ed25519SignatureIndexNotPinned)', async () => {
    const { env, t, q, forged } = await setup();
    // Instruction 0: the attacker's own valid Ed25519 instruction over the forged quote.
    const decoy = buildEd25519Ix(attacker.publicKey, forged.message, forged.signature);
    // Instruction 1 (right before take_quote): verifies instruction 0's bytes, but its own data
    // says "oracle key, forged quote" at the canonical offsets.
    const payload = Buffer.concat([Buffer.from(oracleKey(env)), Buffer.alloc(64), Buffer.from(forged.message)]);
    const ed = rawEd25519Ix(
      [{ signatureOffset: 48, signatureIndex: 0, publicKeyOffset: 16, publicKeyIndex: 0, messageOffset: 112, messageSize: forged.message.length, messageIndex: 0 }],
      payload,
    );
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { extra: [decoy], ed25519: ed }), 'Ed25519SignatureIndexNotPinned', 2);
    await expectNothingOpened(env, q);
  });

  it('two valid signatures in one Ed25519 instruction (Ed25519SignatureCount)', async () => {
    const { env, t, q, message, forged } = await setup();
    const genuine = signedBlock(30, oracleKey(env), bs58.decode(q.signature), message);
    const second = signedBlock(30 + genuine.bytes.length, attacker.publicKey, forged.signature, forged.message);
    const ed = rawEd25519Ix([genuine.record, second.record], Buffer.concat([genuine.bytes, second.bytes]));
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { ed25519: ed }), 'Ed25519SignatureCount', 1);
    await expectNothingOpened(env, q);
  });

  it('the Ed25519 instruction must be the one right before take_quote (Ed25519WrongProgram)', async () => {
    const { env, t, q, message } = await setup();
    const genuine = buildEd25519Ix(oracleKey(env), message, bs58.decode(q.signature));
    const between = ComputeBudgetProgram.setComputeUnitLimit({ units: 400_000 });
    await expectRejected(env, () => env.takeRaw(t.kp, q, 0, 10_000_000n, { extra: [genuine], ed25519: between }), 'Ed25519WrongProgram', 2);
    await expectNothingOpened(env, q);
  });

  it('the honest instruction of the same quote fills (the cases above fail only for what they forge)', async () => {
    const { env, t, q } = await setup();
    expectOk(await env.take(t.kp, q, 'up', 10_000_000n, { openRound: false }));
    expect((await env.round(1, BigInt(q.expiryTs)))!.openPositions).toBe(1);
    expect(new PublicKey(q.signer).equals(new PublicKey(oracleKey(env)))).toBe(true);
    await expectConserved(env);
  });
});
