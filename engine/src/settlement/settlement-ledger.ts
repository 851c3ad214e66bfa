/**
 * The settlement key signs at most one message per round. Anything it signs for a round is valid
 * on-chain and the first to land wins, so a correction must never be signed (docs/program.md): the
 * ledger records each round's message durably before it is signed and refuses a different one for
 * the same round, across restarts. A retry (store down, restart) re-signs the recorded message,
 * which gives the same signature.
 *
 * Storage: one JSON line per round in `<dataDir>/settlements-signed.jsonl`, appended and fsync'd
 * before signing. `path: null` (demo, throwaway key) keeps it in memory only. Rounds that expired
 * more than `RETAIN_MS` ago can no longer be settled on-chain (the refund grace is at most 7 days)
 * and are dropped when the ledger opens, which rewrites the file without them.
 */
import { appendFile, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EngineError } from '../lib/errors.js';
import type { UnsignedSettlementRecord } from './build-record.js';

/** Longest refund grace (7 days) plus a day: older rounds can never be settled again. */
export const RETAIN_MS = 8 * 24 * 3_600_000;

export class SettlementConflictError extends EngineError {
  constructor(round: string) {
    super('EXEC_ERR_SETTLEMENT_CONFLICT', `refusing to sign a second, different settlement for round ${round}: one was already signed (a correction must never be signed)`);
    this.name = 'SettlementConflictError';
  }
}

/** Rounds are identified by what the program checks: program, cluster, asset, expiry. */
export function settlementRoundKey(r: Pick<UnsignedSettlementRecord, 'programId' | 'cluster' | 'asset' | 'expiryTs'>): string {
  return `${r.programId}:${r.cluster}:${r.asset}:${r.expiryTs}`;
}

export class SettlementLedger {
  private constructor(
    private readonly path: string | null,
    private readonly records: Map<string, UnsignedSettlementRecord>,
  ) {}

  /** Loads the ledger at `path` (missing file = empty), or an in-memory one for `null`. */
  static async open(path: string | null, nowMs: number = Date.now()): Promise<SettlementLedger> {
    const records = new Map<string, UnsignedSettlementRecord>();
    if (path !== null) {
      let text = '';
      let dropped = 0;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new EngineError('EXEC_ERR_SETTLEMENT_LEDGER', `cannot read ${path}`, { cause: err });
      }
      for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '') continue;
        try {
          const record = JSON.parse(line) as UnsignedSettlementRecord;
          if (record.expiryTs * 1000 >= nowMs - RETAIN_MS) records.set(settlementRoundKey(record), record);
          else dropped++;
        } catch (err) {
          // A torn last line (crash mid-write) was never signed; anything else is corruption.
          if (i < text.trimEnd().split('\n').length - 1) throw new EngineError('EXEC_ERR_SETTLEMENT_LEDGER', `${path}: line ${i + 1} is not JSON`, { cause: err });
        }
      }
      if (dropped > 0) {
        const tmp = `${path}.tmp`;
        await writeFile(tmp, [...records.values()].map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
        await rename(tmp, path);
      }
    }
    return new SettlementLedger(path, records);
  }

  /** The message recorded for this round, if any. */
  get(round: string): UnsignedSettlementRecord | null {
    return this.records.get(round) ?? null;
  }

  /**
   * Records `record` as the one message of its round, durably, before it is signed. The same
   * message again is fine; a different one throws SettlementConflictError and nothing is written.
   */
  async reserve(record: UnsignedSettlementRecord): Promise<void> {
    const round = settlementRoundKey(record);
    const prior = this.records.get(round);
    if (prior) {
      if (prior.message !== record.message) throw new SettlementConflictError(round);
      return;
    }
    if (this.path !== null) {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      const fh = await open(this.path, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    this.records.set(round, record);
  }
}
