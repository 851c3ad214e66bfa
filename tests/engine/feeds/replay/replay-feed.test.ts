import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplayFeed, type ReplayFeedOptions } from '../../../../engine/src/feeds/replay/replay-feed.js';
import { encodeTickLine } from '../../../../engine/src/feeds/replay/tick-line.js';
import type { Tick } from '../../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });
const T0 = 1_600_000_000_000;
let dir: string;
const feeds: ReplayFeed[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-test-'));
});
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((f) => f.stop()));
  await rm(dir, { recursive: true, force: true });
});

function rec(i: number, gapMs: number, simulated: boolean): Tick {
  return {
    venue: i % 2 === 0 ? 'binance' : 'kraken',
    symbol: 'ETHUSDT',
    bid: `3400.${String(i).padStart(2, '0')}`,
    ask: `3400.${String(i + 1).padStart(2, '0')}`,
    last: null,
    exchangeTs: T0 + i * gapMs - 7,
    receivedTs: T0 + i * gapMs,
    simulated,
  };
}

async function writeTicks(lines: string[]): Promise<string> {
  const path = join(dir, 'ticks.ndjson');
  await writeFile(path, lines.join(''));
  return path;
}

async function play(options: Omit<ReplayFeedOptions, 'logger'>): Promise<{ feed: ReplayFeed; ticks: Tick[] }> {
  const feed = await ReplayFeed.create({ logger, ...options });
  feeds.push(feed);
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  await feed.start();
  return { feed, ticks };
}

describe('ReplayFeed', () => {
  it('plays valid lines exactly, counting and skipping garbage', async () => {
    // Given a recording with valid ticks (a live part and a simulated part) and assorted garbage
    const good = [rec(0, 10, false), rec(1, 10, false), rec(2, 10, true), rec(3, 10, true)];
    const path = await writeTicks([
      encodeTickLine(good[0]!),
      'not json at all\n',
      '\n',
      `${JSON.stringify({ ...good[1], venue: 'mtgox' })}\n`,
      encodeTickLine(good[1]!).replace('\n', '\r\n'),
      `${JSON.stringify({ ...good[2], receivedTs: 'yesterday' })}\n`,
      '{"venue":"binance"\n',
      encodeTickLine(good[2]!),
      encodeTickLine(good[3]!).trimEnd(), // no newline at the end of the file
    ]);
    // When it is played as fast as possible without re-stamping
    const { feed, ticks } = await play({ path, speed: 0, rebase: false });
    await feed.done();
    // Then exactly the valid ticks come out, flags preserved, and the garbage is counted
    expect(ticks).toEqual(good);
    const [h] = feed.health();
    expect(h).toMatchObject({ venue: 'replay', messages: 4, parseErrors: 4, connected: false });
    expect(h!.symbols).toEqual([{ symbol: 'ETHUSDT', messages: 4, lastMessageTs: T0 + 30, silent: false }]);
    expect(feed.simulated).toBe(true);
  });

  it('re-stamps to now by default, keeping each tick lag', async () => {
    const path = await writeTicks([rec(0, 1000, false), rec(1, 1000, false)].map(encodeTickLine));
    const now = T0 + 10_000_000;
    const { feed, ticks } = await play({ path, speed: 0, now: () => now });
    await feed.done();
    expect(ticks.map((t) => [t.receivedTs, t.exchangeTs])).toEqual([
      [now, now - 7],
      [now, now - 7],
    ]);
    expect(feed.simulated).toBe(false);
  });

  it('keeps the recorded spacing in real time, scaled by speed', async () => {
    // Given 6 ticks 40 ms apart (200 ms of recording)
    const path = await writeTicks([0, 1, 2, 3, 4, 5].map((i) => encodeTickLine(rec(i, 40, false))));
    const now = T0 + 5_000_000;
    // When played at speed 1
    let started = performance.now();
    const one = await play({ path, speed: 1, now: () => now });
    await one.feed.done();
    const realTime = performance.now() - started;
    // Then it takes about 200 ms, and stamps keep the 40 ms spacing from the start time
    expect(realTime).toBeGreaterThanOrEqual(190);
    expect(realTime).toBeLessThan(1_500);
    expect(one.ticks.map((t) => t.receivedTs - now)).toEqual([0, 40, 80, 120, 160, 200]);
    expect(one.ticks.map((t) => t.receivedTs - t.exchangeTs)).toEqual([7, 7, 7, 7, 7, 7]);
    // And at speed 4 about 50 ms with spacing 10 ms
    started = performance.now();
    const four = await play({ path, speed: 4, now: () => now });
    await four.feed.done();
    const fast = performance.now() - started;
    expect(fast).toBeGreaterThanOrEqual(45);
    expect(fast).toBeLessThan(realTime);
    expect(four.ticks.map((t) => t.receivedTs - now)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('loops until stopped, and stop() interrupts a long wait', async () => {
    const path = await writeTicks([rec(0, 60_000, false), rec(1, 60_000, false)].map(encodeTickLine));
    const fast = await play({ path, speed: 0, loop: true });
    const deadline = Date.now() + 2_000;
    while (fast.ticks.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await fast.feed.stop();
    expect(fast.ticks.length).toBeGreaterThanOrEqual(10);
    const n = fast.ticks.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(fast.ticks.length).toBe(n);

    // second tick is a minute away: stop must not wait for it
    const slow = await play({ path, speed: 1, loop: true });
    await new Promise((r) => setTimeout(r, 30));
    const t = performance.now();
    await slow.feed.stop();
    expect(performance.now() - t).toBeLessThan(200);
    expect(slow.ticks).toHaveLength(1);
  });

  it('does not spin when looping over a file without a single valid tick', async () => {
    const path = await writeTicks(['garbage\n', '{}\n']);
    const { feed, ticks } = await play({ path, speed: 0, loop: true });
    await feed.done();
    expect(ticks).toHaveLength(0);
    expect(feed.health()[0]!.parseErrors).toBe(2);
  });

  it('refuses a missing file with a typed error', async () => {
    await expect(ReplayFeed.create({ logger, path: join(dir, 'nope.ndjson') })).rejects.toMatchObject({ code: 'EXEC_ERR_REPLAY_FILE' });
    await expect(ReplayFeed.create({ logger, path: dir })).rejects.toMatchObject({ code: 'EXEC_ERR_REPLAY_FILE' });
    await expect(ReplayFeed.create({ logger, path: dir, speed: -1 })).rejects.toMatchObject({ code: 'EXEC_ERR_FEED_OPTIONS' });
  });
});
