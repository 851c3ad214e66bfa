import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE,
  activeRounds,
  buildScheduleOptions,
  closeOffsetSecFor,
  currentRound,
  nextTransitionMs,
} from '../../../engine/src/market/schedule.js';

// 2026-01-01T00:00:00Z, a multiple of 3600 s.
const T0 = 1_767_225_600_000;

describe('round schedule', () => {
  it('defaults: 1m/5m/15m/1h with 10 s close for 1m and 30 s for the others', () => {
    expect(DEFAULT_SCHEDULE.rounds).toEqual([
      { durationSec: 60, closeOffsetSec: 10 },
      { durationSec: 300, closeOffsetSec: 30 },
      { durationSec: 900, closeOffsetSec: 30 },
      { durationSec: 3600, closeOffsetSec: 30 },
    ]);
  });

  it('expiries are multiples of the duration since the epoch', () => {
    const now = T0 + 1234_567;
    for (const r of activeRounds(DEFAULT_SCHEDULE, now)) {
      expect(r.expiryTs % r.durationSec).toBe(0);
      expect(r.startTs).toBe(r.expiryTs - r.durationSec);
      expect(r.tradingCloseTs * 1000).toBeGreaterThan(now);
    }
  });

  it('shows the current round until its trading close, then the next one', () => {
    const spec = { durationSec: 60, closeOffsetSec: 10 };
    expect(currentRound(spec, T0)).toEqual({ durationSec: 60, startTs: T0 / 1000, expiryTs: T0 / 1000 + 60, tradingCloseTs: T0 / 1000 + 50 });
    expect(currentRound(spec, T0 + 49_999).expiryTs).toBe(T0 / 1000 + 60);
    // At the close instant the round is closed: the next round is shown.
    expect(currentRound(spec, T0 + 50_000).expiryTs).toBe(T0 / 1000 + 120);
    expect(currentRound(spec, T0 + 59_999).expiryTs).toBe(T0 / 1000 + 120);
    expect(currentRound(spec, T0 + 60_000).expiryTs).toBe(T0 / 1000 + 120);
  });

  it('next transition is the earliest trading close', () => {
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 1_000)).toBe(T0 + 50_000);
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 50_000)).toBe(T0 + 110_000);
    // 5m round (close at 270 s) is earlier than the next 1m close at 290 s only once 1m rolled past 230.
    expect(nextTransitionMs(DEFAULT_SCHEDULE, T0 + 231_000)).toBe(T0 + 270_000);
  });

  it('rounds sharing an expiry close at the largest offset of the durations dividing it (the program rule)', () => {
    // T0 is a 5-minute boundary: the 1m round expiring at T0 + 300 s is also the 5m round's expiry.
    expect((T0 / 1000) % 300).toBe(0);
    expect(closeOffsetSecFor(DEFAULT_SCHEDULE, T0 / 1000 + 300)).toBe(30);
    expect(closeOffsetSecFor(DEFAULT_SCHEDULE, T0 / 1000 + 240)).toBe(10);
    expect(closeOffsetSecFor(DEFAULT_SCHEDULE, T0 / 1000 + 3_600)).toBe(30);
    const oneMinute = DEFAULT_SCHEDULE.rounds.find((r) => r.durationSec === 60)!;
    // 25 s before the shared expiry the 1m ladder already shows the next minute: the shared round closed at −30 s.
    expect(currentRound(oneMinute, T0 + 275_000, DEFAULT_SCHEDULE)).toMatchObject({ expiryTs: T0 / 1000 + 360, tradingCloseTs: T0 / 1000 + 350 });
    expect(currentRound(oneMinute, T0 + 265_000, DEFAULT_SCHEDULE)).toMatchObject({ expiryTs: T0 / 1000 + 300, tradingCloseTs: T0 / 1000 + 270 });
    expect(activeRounds(DEFAULT_SCHEDULE, T0 + 265_000).every((r) => r.tradingCloseTs === r.expiryTs - closeOffsetSecFor(DEFAULT_SCHEDULE, r.expiryTs))).toBe(true);
    expect(() => closeOffsetSecFor(DEFAULT_SCHEDULE, T0 / 1000 + 61)).toThrow(/no scheduled duration/);
  });

  it('close offsets and durations are configurable and validated', () => {
    const s = buildScheduleOptions([120, 30], [5, 0]);
    expect(s.rounds).toEqual([
      { durationSec: 30, closeOffsetSec: 0 },
      { durationSec: 120, closeOffsetSec: 5 },
    ]);
    expect(() => buildScheduleOptions([60], [60])).toThrow(/close offset/);
    expect(() => buildScheduleOptions([0])).toThrow(/positive integer/);
    expect(() => buildScheduleOptions([60, 60])).toThrow(/duplicate/);
    expect(() => buildScheduleOptions([])).toThrow(/no round/);
    expect(() => buildScheduleOptions([60, 300], [10])).toThrow(/close offsets/);
  });
});
