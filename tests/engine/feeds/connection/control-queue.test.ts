import { afterEach, describe, expect, it } from 'vitest';
import { ControlQueue } from '../../../../engine/src/feeds/connection/control-queue.js';
import { waitFor } from '../test-helpers.js';

describe('ControlQueue', () => {
  let queue: ControlQueue | null = null;
  afterEach(() => queue?.clear());

  it('never sends more than maxPerWindow in any window and keeps FIFO order', async () => {
    const sent: { p: string; t: number }[] = [];
    queue = new ControlQueue({ maxPerWindow: 3, windowMs: 100 }, (p) => sent.push({ p, t: Date.now() }));
    for (let i = 0; i < 8; i += 1) queue.push(String(i));
    expect(sent).toHaveLength(3);
    await waitFor(() => sent.length === 8, 'all sent', 2_000);
    expect(sent.map((s) => s.p)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    for (let i = 3; i < sent.length; i += 1) expect(sent[i]!.t - sent[i - 3]!.t).toBeGreaterThanOrEqual(100);
  });

  it('spaces bursts by the window plus a guard against arrival jitter (default 20 %, or as given)', async () => {
    const sent: number[] = [];
    queue = new ControlQueue({ maxPerWindow: 2, windowMs: 100 }, () => sent.push(Date.now()));
    for (let i = 0; i < 4; i += 1) queue.push(String(i));
    await waitFor(() => sent.length === 4, 'all sent', 2_000);
    expect(sent[2]! - sent[0]!).toBeGreaterThanOrEqual(120);
    const gapWith = async (guardMs: number): Promise<number> => {
      const at: number[] = [];
      queue?.clear();
      queue = new ControlQueue({ maxPerWindow: 1, windowMs: 50, guardMs }, () => at.push(Date.now()));
      queue.push('a');
      queue.push('b');
      await waitFor(() => at.length === 2, 'both sent', 2_000);
      return at[1]! - at[0]!;
    };
    expect(await gapWith(300)).toBeGreaterThanOrEqual(350);
    const unguarded = await gapWith(0);
    expect(unguarded).toBeGreaterThanOrEqual(50);
    expect(unguarded).toBeLessThan(350);
  });

  it('clear() drops queued messages and the pending timer', async () => {
    const sent: string[] = [];
    queue = new ControlQueue({ maxPerWindow: 1, windowMs: 50 }, (p) => sent.push(p));
    queue.push('a');
    queue.push('b');
    queue.clear();
    expect(queue.queued).toBe(0);
    await new Promise((r) => setTimeout(r, 120));
    expect(sent).toEqual(['a']);
  });
});
