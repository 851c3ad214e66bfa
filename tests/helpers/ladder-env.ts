/**
 * Quote format v2 on an Env: signed ladders (one root signature over up to 32 leaves) and
 * take_quote_v2 sent either through the SDK (`takeV2`, every client-side check on) or built raw
 * (`takeV2Raw`: any leaf, index, proof, Ed25519 instruction and max price, no client check at all),
 * so adversarial cases reach the program.
 */
import { randomBytes } from 'node:crypto';
import type { Keypair, TransactionInstruction, VersionedTransaction } from '@solana/web3.js';
import {
  ASSET_IDS,
  buildEd25519Ix,
  buildOpenRoundIx,
  buildTakeQuoteV2Ix,
  buildTakeQuoteV2Tx,
  buildV0Tx,
  encodeLadderLeaf,
  encodeLadderRoot,
  ladderLevels,
  ladderProof,
  type LadderLeafFields,
  type LadderQuote,
  type LadderRootFields,
  type SideName,
  type TakeQuoteV2Tx,
} from '../../engine/src/client/index.js';
import type { Ed25519Signer } from '../../engine/src/signer/sign.js';
import { sendTx, type Env, type TxOutcome } from './exec-trade-env.js';

export interface SignedLadder {
  readonly fields: LadderRootFields;
  readonly root: Uint8Array;
  readonly signature: Uint8Array;
  readonly signer: Uint8Array;
  readonly leaves: readonly LadderLeafFields[];
  readonly encoded: readonly Uint8Array[];
  readonly levels: readonly Uint8Array[][];
}

export interface LadderOptions {
  /** Number of strikes (default 8), 100 apart around 97,300. */
  readonly count?: number;
  readonly root?: Partial<Omit<LadderRootFields, 'root' | 'leafCount'>>;
  /** Per-leaf overrides, by index. */
  readonly leaf?: (i: number) => Partial<LadderLeafFields>;
  /** Every leaf's decay rate (default 0). */
  readonly decay?: bigint;
  readonly signer?: Ed25519Signer;
}

/** A ladder signed by the env's oracle (or `signer`), generated at the chain's current second. */
export async function signLadder(env: Env, o: LadderOptions = {}): Promise<SignedLadder> {
  const t = await env.now();
  const count = o.count ?? 8;
  const leaves: LadderLeafFields[] = Array.from({ length: count }, (_, i) => ({
    quoteId: Uint8Array.from(randomBytes(16)),
    strike: 97_300_000_000n + BigInt(i - Math.floor(count / 2)) * 100_000_000n,
    upPrice: 523_417n - BigInt(i) * 10_000n,
    downPrice: 496_583n + BigInt(i) * 10_000n,
    maxSize: 250_000_000n,
    refPrice: 97_312_345_678n,
    refTsMs: t * 1000n - 5n,
    decayMicrosPerSec: o.decay ?? 0n,
    ...o.leaf?.(i),
  }));
  const encoded = leaves.map(encodeLadderLeaf);
  const levels = ladderLevels(encoded);
  const fields: LadderRootFields = {
    cluster: 0,
    asset: 1,
    flags: 0,
    programId: env.program.programId.toBytes(),
    epoch: (await env.config()).quoteEpoch,
    expiryTs: await env.expiry(),
    generatedAtMs: t * 1000n,
    validUntilMs: t * 1000n + 3_000n,
    ...o.root,
    leafCount: count,
    root: levels[levels.length - 1]![0]!,
  };
  const signer = o.signer ?? env.oracle;
  const root = encodeLadderRoot(fields);
  return { fields, root, signature: signer.sign(root), signer: signer.publicKey, leaves, encoded, levels };
}

/** Leaf `index` of the ladder as a taker holds it. */
export function ladderQuote(l: SignedLadder, index: number): LadderQuote {
  return { root: l.root, signature: l.signature, signer: l.signer, index, leaf: l.encoded[index]!, proof: ladderProof(l.levels, index) };
}

export interface TakeV2Options {
  readonly openRound?: boolean;
  readonly maxPrice?: bigint;
  /** The client-side time the SDK checks and prices against (default: the chain clock). */
  readonly nowMs?: number;
  readonly tamper?: (tx: VersionedTransaction) => void;
}

/** take_quote_v2 through the SDK builder; the built transaction is returned beside the outcome. */
export async function takeV2(env: Env, trader: Keypair, q: LadderQuote, side: SideName, size: bigint, o: TakeV2Options = {}): Promise<{ out: TxOutcome; built: TakeQuoteV2Tx }> {
  const built = await buildTakeQuoteV2Tx({
    program: env.program,
    quote: q,
    oracleAuthority: (await env.config()).oracleAuthority.toBase58(),
    trader: trader.publicKey,
    side,
    size,
    collateralMint: env.mint,
    recentBlockhash: (await env.connection.getLatestBlockhash()).blockhash,
    openRound: o.openRound ?? false,
    nowMs: o.nowMs ?? Number(await env.now()) * 1000,
    ...(o.maxPrice === undefined ? {} : { maxPrice: o.maxPrice }),
  });
  o.tamper?.(built.transaction);
  return { out: await sendTx(env.connection, built.transaction, [trader]), built };
}

export interface RawV2 {
  readonly ladder: SignedLadder;
  /** The leaf index the instruction claims (default: `leafOf`). */
  readonly index: number;
  /** Which of the ladder's leaves is sent (default: `index`); or explicit bytes. */
  readonly leafOf?: number;
  readonly leaf?: Uint8Array;
  readonly proof?: readonly Uint8Array[];
  readonly quoteId?: Uint8Array;
  readonly side?: number;
  readonly size?: bigint;
  readonly maxPrice?: bigint;
  readonly ed25519?: TransactionInstruction;
  readonly openRound?: boolean;
}

/** take_quote_v2 from the instruction builders, with whatever leaf, proof and Ed25519 instruction the test gives. */
export async function takeV2Raw(env: Env, trader: Keypair, r: RawV2): Promise<TxOutcome> {
  const l = r.ladder;
  const source = r.leafOf ?? r.index;
  const leaf = r.leaf ?? l.encoded[source]!;
  const ixs: TransactionInstruction[] = [];
  const asset = l.fields.asset;
  if (r.openRound) ixs.push(await buildOpenRoundIx(env.program, { payer: trader.publicKey, asset, expiryTs: l.fields.expiryTs, collateralMint: env.mint }));
  ixs.push(r.ed25519 ?? buildEd25519Ix(l.signer, l.root, l.signature));
  ixs.push(
    await buildTakeQuoteV2Ix(env.program, {
      trader: trader.publicKey,
      quoteId: r.quoteId ?? l.leaves[source]?.quoteId ?? leaf.subarray(0, 16),
      asset,
      expiryTs: l.fields.expiryTs,
      side: r.side ?? 0,
      size: r.size ?? 1_000_000n,
      collateralMint: env.mint,
      leafIndex: r.index,
      leaf,
      proof: r.proof ?? ladderProof(l.levels, source),
      maxPrice: r.maxPrice ?? 999_999n,
    }),
  );
  return sendTx(env.connection, buildV0Tx(trader.publicKey, (await env.connection.getLatestBlockhash()).blockhash, ixs), [trader]);
}

export const BTC = ASSET_IDS.BTC;
