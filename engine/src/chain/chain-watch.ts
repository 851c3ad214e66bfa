/**
 * Keeps quoting consistent with the chain it quotes for. Every `checkMs` it reads the Clock sysvar
 * and the exec-trade Config in one getMultipleAccounts call, and:
 * - halts quoting while the chain clock differs from wall time by more than `maxSkewSec` (the
 *   program closes trading on the chain clock, so a lagging clock would let a still-valid quote
 *   fill after expiry, when the outcome is known), and resumes once it is back;
 * - halts while the program is paused, or while the on-chain cluster, quote epoch (below the
 *   engine's) or round schedule differ from the engine's (the program would refuse its quotes);
 * - follows `raise_quote_epoch`: an on-chain epoch above the engine's becomes the signing epoch.
 * An RPC failure changes nothing (the last verdict stands) and is logged at most every 30 s.
 */
import { PublicKey, SYSVAR_CLOCK_PUBKEY, type Connection } from '@solana/web3.js';
import type { Logger } from 'pino';
import { configPda, createExecTradeProgram, decodeClockUnixTs, decodeConfig, type ConfigAccount, type RoundScheduleEntry } from '../client/index.js';

export interface ChainWatchTarget {
  setExternalHalt(reason: string | null): void;
  setEpoch(epoch: bigint): void;
  currentEpoch(): bigint;
}

export interface ChainWatchOptions {
  readonly connection: Connection;
  readonly programId: PublicKey;
  readonly target: ChainWatchTarget;
  /** The engine's schedule, ascending duration. */
  readonly schedule: readonly RoundScheduleEntry[];
  /** Cluster id the engine signs for (0 localnet … 3 mainnet-beta). */
  readonly cluster: number;
  readonly maxSkewSec: number;
  readonly checkMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

const RPC_WARN_EVERY_MS = 30_000;

/** The schedule as text, in duration order (the program accepts entries in any order). */
const scheduleText = (s: readonly RoundScheduleEntry[]): string =>
  [...s].sort((a, b) => a.durationSec - b.durationSec).map((e) => `${e.durationSec}s:${e.closeOffsetSec}s`).join(',');

/** Why quoting must stop given the chain's state, or null. */
export function chainRefusal(
  chainUnixTs: number,
  wallMs: number,
  config: ConfigAccount | null,
  engine: { readonly schedule: readonly RoundScheduleEntry[]; readonly cluster: number; readonly epoch: bigint },
  maxSkewSec: number,
): string | null {
  const skew = chainUnixTs - Math.floor(wallMs / 1000);
  if (Math.abs(skew) > maxSkewSec) {
    return `chain clock is ${Math.abs(skew)} s ${skew < 0 ? 'behind' : 'ahead of'} wall time (max ${maxSkewSec} s)`;
  }
  if (config === null) return 'exec-trade config account not found on chain';
  if (config.paused) return 'program paused on chain';
  if (config.cluster !== engine.cluster) return `on-chain config is for cluster ${config.cluster}, the engine signs for cluster ${engine.cluster}`;
  if (config.quoteEpoch < engine.epoch) return `on-chain quote epoch ${config.quoteEpoch} is below the engine's ${engine.epoch}`;
  const want = scheduleText(engine.schedule);
  const have = scheduleText(config.roundSchedule);
  if (want !== have) return `on-chain round schedule ${have} differs from the engine's ${want}`;
  return null;
}

export class ChainWatch {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly program;
  private timer: NodeJS.Timeout | null = null;
  private lastRpcWarnMs = 0;
  private checking = false;
  /** The last verdict: null when quoting may go on. */
  reason: string | null = null;

  constructor(private readonly opts: ChainWatchOptions) {
    this.log = opts.logger.child({ module: 'chain.watch' });
    this.now = opts.now ?? Date.now;
    this.program = createExecTradeProgram(opts.connection, opts.programId);
  }

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.opts.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One read and verdict (the timer calls it; exposed for tests). */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const [clock, cfg] = await this.opts.connection.getMultipleAccountsInfo([SYSVAR_CLOCK_PUBKEY, configPda(this.opts.programId).address], 'confirmed');
      if (!clock) throw new Error('Clock sysvar not returned');
      const chainTs = Number(decodeClockUnixTs(clock.data));
      const config = cfg ? decodeConfig(this.program, cfg.data) : null;
      if (config && config.quoteEpoch > this.opts.target.currentEpoch()) {
        this.log.warn({ epoch: config.quoteEpoch.toString() }, 'on-chain quote epoch raised: signing under it from now on');
        this.opts.target.setEpoch(config.quoteEpoch);
      }
      const engine = { schedule: this.opts.schedule, cluster: this.opts.cluster, epoch: this.opts.target.currentEpoch() };
      const reason = chainRefusal(chainTs, this.now(), config, engine, this.opts.maxSkewSec);
      if (reason !== this.reason) {
        if (reason) this.log.warn({ reason, chainTs }, 'quoting halted: chain check failed');
        else this.log.info({ chainTs }, 'chain check passed: quoting allowed');
      }
      this.reason = reason;
      this.opts.target.setExternalHalt(reason);
    } catch (err) {
      const now = this.now();
      if (now - this.lastRpcWarnMs >= RPC_WARN_EVERY_MS) {
        this.lastRpcWarnMs = now;
        this.log.warn({ err }, 'chain check: RPC read failed; keeping the last verdict');
      }
    } finally {
      this.checking = false;
    }
  }
}
