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
