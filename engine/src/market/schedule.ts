/**
 * Rolling round schedule aligned to the wall clock. A round of duration D seconds expires at every
 * multiple of D since the unix epoch; it starts D seconds earlier. Rounds of several durations can
 * expire at the same instant (a 1m and a 5m round at 12:05:00) and share one on-chain Round
 * account, so trading closes at the largest close offset among the scheduled durations that
 * divide the expiry: exactly the program's rule (exec-trade-rules `schedule::trading_close_offset`).
 * For each duration the surface shows the nearest round whose trading close is still strictly in
 * the future. Pure functions over an injected `nowMs`.
 */
import { EngineError } from '../lib/errors.js';

export interface RoundSpec {
  readonly durationSec: number;
  /** Trading stops this many seconds before expiry. 0 <= closeOffsetSec < durationSec. */
  readonly closeOffsetSec: number;
}

export interface ScheduleOptions {
  readonly rounds: readonly RoundSpec[];
}

export interface Round {
  readonly durationSec: number;
  readonly startTs: number; // unix seconds
  readonly expiryTs: number; // unix seconds
  readonly tradingCloseTs: number; // unix seconds
}

export const DEFAULT_DURATIONS_SEC: readonly number[] = [60, 300, 900, 3600];

/** 10 s for rounds of a minute or less, 30 s for every longer round. */
export function defaultCloseOffsetSec(durationSec: number): number {
  return durationSec <= 60 ? 10 : 30;
}

export function buildScheduleOptions(durationsSec: readonly number[], closeOffsetsSec?: readonly number[]): ScheduleOptions {
  if (closeOffsetsSec !== undefined && closeOffsetsSec.length !== durationsSec.length) {
    throw new EngineError(
      'EXEC_ERR_MARKET_CONFIG',
      `schedule: ${closeOffsetsSec.length} close offsets for ${durationsSec.length} durations`,
    );
  }
  return validateSchedule({
    rounds: durationsSec.map((durationSec, i) => ({
      durationSec,
      closeOffsetSec: closeOffsetsSec?.[i] ?? defaultCloseOffsetSec(durationSec),
    })),
  });
}

export const DEFAULT_SCHEDULE: ScheduleOptions = buildScheduleOptions(DEFAULT_DURATIONS_SEC);

export function validateSchedule(options: ScheduleOptions): ScheduleOptions {
  if (options.rounds.length === 0) throw new EngineError('EXEC_ERR_MARKET_CONFIG', 'schedule: no round durations');
  const seen = new Set<number>();
  for (const r of options.rounds) {
    if (!Number.isSafeInteger(r.durationSec) || r.durationSec <= 0) {
      throw new EngineError('EXEC_ERR_MARKET_CONFIG', `schedule: duration must be a positive integer of seconds, got ${r.durationSec}`);
    }
    if (!Number.isSafeInteger(r.closeOffsetSec) || r.closeOffsetSec < 0 || r.closeOffsetSec >= r.durationSec) {
      throw new EngineError(
        'EXEC_ERR_MARKET_CONFIG',
        `schedule: close offset for ${r.durationSec}s rounds must be an integer in [0, ${r.durationSec}), got ${r.closeOffsetSec}`,
      );
    }
    if (seen.has(r.durationSec)) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `schedule: duplicate duration ${r.durationSec}`);
    seen.add(r.durationSec);
  }
  return { rounds: [...options.rounds].sort((a, b) => a.durationSec - b.durationSec) };
}

/**
 * Seconds before `expiryTs` at which trading closes: the largest close offset among the scheduled
 * durations that divide it (the spec's own offset when only it does).
 */
export function closeOffsetSecFor(options: ScheduleOptions, expiryTs: number): number {
  let offset = -1;
  for (const r of options.rounds) if (expiryTs % r.durationSec === 0 && r.closeOffsetSec > offset) offset = r.closeOffsetSec;
  if (offset < 0) throw new EngineError('EXEC_ERR_MARKET_CONFIG', `schedule: expiry ${expiryTs} is on no scheduled duration`);
  return offset;
}

/** The round of this spec that is shown at `nowMs`: the first whose trading close is after now. */
export function currentRound(spec: RoundSpec, nowMs: number, options: ScheduleOptions = { rounds: [spec] }): Round {
  const periodMs = spec.durationSec * 1000;
  let expiryTs = ((Math.floor(nowMs / periodMs) + 1) * periodMs) / 1000;
  let closeTs = expiryTs - closeOffsetSecFor(options, expiryTs);
  while (closeTs * 1000 <= nowMs) {
    expiryTs += spec.durationSec;
    closeTs = expiryTs - closeOffsetSecFor(options, expiryTs);
  }
  return { durationSec: spec.durationSec, startTs: expiryTs - spec.durationSec, expiryTs, tradingCloseTs: closeTs };
}

/** One shown round per configured duration, ascending duration. */
export function activeRounds(options: ScheduleOptions, nowMs: number): Round[] {
  return options.rounds.map((spec) => currentRound(spec, nowMs, options));
}

/** The next instant (ms) at which the set of shown rounds changes: the earliest trading close. */
export function nextTransitionMs(options: ScheduleOptions, nowMs: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const spec of options.rounds) {
    const closeMs = currentRound(spec, nowMs, options).tradingCloseTs * 1000;
    if (closeMs < next) next = closeMs;
  }
  return next;
}
