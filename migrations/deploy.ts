/**
 * `anchor migrate` deploy script: creates the exec-trade Config (oracle and settlement authorities,
 * collateral mint, cluster, limits) and optionally funds the house vault. Idempotent: an existing
 * Config is left alone. CommonJS on purpose (migrations/package.json): Anchor's host script loads
 * it with require(). Settings come from DEPLOY_* variables (not EXEC_*, which the engine owns):
 * see .env.example. Run: `anchor migrate` (or `npm run ts-node <host>`, see migrations/ts-node.sh).
 */
import * as anchor from '@coral-xyz/anchor';
import { getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import { readFileSync } from 'node:fs';
import idl from '../engine/src/client/idl/exec_trade.json';
import type { ExecTrade } from '../engine/src/client/idl/exec_trade.js';

const CLUSTERS: Record<string, number> = { localnet: 0, devnet: 1, testnet: 2, 'mainnet-beta': 3 };

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required (see .env.example)`);
  return value;
}

/** A base58 public key, or the public key of a Solana CLI keypair file (`*.json`). */
function pubkey(name: string): PublicKey {
  const value = env(name);
  if (!value.endsWith('.json')) return new PublicKey(value);
  const secret = Uint8Array.from(JSON.parse(readFileSync(value, 'utf8')) as number[]);
  return Keypair.fromSecretKey(secret).publicKey;
}

function atoms(name: string, fallback: string): anchor.BN {
  const value = env(name, fallback);
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a non-negative integer, got ${value}`);
  return new anchor.BN(value);
}

module.exports = async function deploy(provider: anchor.AnchorProvider): Promise<void> {
  anchor.setProvider(provider);
  const program = new anchor.Program<ExecTrade>(idl as ExecTrade, provider);
  const [configPda] = PublicKey.findProgramAddressSync([Buffer.from('config')], program.programId);
  const mint = pubkey('DEPLOY_COLLATERAL_MINT');

  if (await provider.connection.getAccountInfo(configPda)) {
    console.log(`config ${configPda.toBase58()} exists; not re-initialized`);
  } else {
    const clusterName = env('DEPLOY_CLUSTER', 'localnet');
    const cluster = CLUSTERS[clusterName];
    if (cluster === undefined) throw new Error(`DEPLOY_CLUSTER must be one of ${Object.keys(CLUSTERS).join(', ')}`);
    const allowSimulated = env('DEPLOY_ALLOW_SIMULATED', 'false') === 'true';
    if (allowSimulated && clusterName !== 'localnet') throw new Error('DEPLOY_ALLOW_SIMULATED=true is for localnet only');
    const signature = await program.methods
      .initializeConfig({
        oracleAuthority: pubkey('DEPLOY_ORACLE_AUTHORITY'),
        settlementAuthority: pubkey('DEPLOY_SETTLEMENT_AUTHORITY'),
        cluster,
        allowSimulated,
        limits: {
          maxPositionSize: atoms('DEPLOY_MAX_POSITION_SIZE', '1000000000'),
          maxRoundLiability: atoms('DEPLOY_MAX_ROUND_LIABILITY', '100000000000'),
          maxWalletRoundSize: atoms('DEPLOY_MAX_WALLET_ROUND_SIZE', '10000000000'),
        },
        tradingCloseOffsetSec: atoms('DEPLOY_TRADING_CLOSE_OFFSET_SEC', '5'),
        refundGraceSec: atoms('DEPLOY_REFUND_GRACE_SEC', '3600'),
      })
      .accounts({ admin: provider.wallet.publicKey, collateralMint: mint })
      .rpc();
    console.log(`config ${configPda.toBase58()} initialized: ${signature}`);
  }

  const funding = atoms('DEPLOY_HOUSE_FUNDING_ATOMS', '0');
  if (funding.isZero()) return;
  const source = getAssociatedTokenAddressSync(mint, provider.wallet.publicKey);
  const signature = await program.methods
    .fundHouse(funding)
    .accounts({ depositor: provider.wallet.publicKey, depositorToken: source })
    .rpc();
  console.log(`house funded with ${funding.toString()} atoms from ${source.toBase58()}: ${signature}`);
};
