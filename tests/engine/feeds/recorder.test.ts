import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TickRecorder } from '../../../engine/src/feeds/recorder.js';
import { ReplayFeed } from '../../../engine/src/feeds/replay/replay-feed.js';
import { SimFeed } from '../../../engine/src/feeds/sim/sim-feed.js';
import type { Tick } from '../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recorder-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sim(seed: number): { feed: SimFeed; ticks: Tick[]; clock: { t: number } } {
  const clock = { t: 1_700_000_000_000 };
  const feed = new SimFeed({ logger, seed, manual: true, now: () => clock.t });
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  return { feed, ticks, clock };
}

describe('TickRecorder', () => {
  it('records a sim feed that replays to the very same ticks', async () => {
    // Given a recorder attached to a sim feed, with a small buffer so several writes happen
    const path = join(dir, 'nested', 'run.ndjson');
    const recorder = await TickRecorder.create({ logger, path, flushBytes: 4_096 });
    const source = sim(11);
    recorder.attach(source.feed);
    await recorder.start();
    // When 100 steps of ticks are produced and the recorder stopped
    for (let i = 0; i < 100; i += 1) {
      source.clock.t += 100;
      source.feed.step();
    }
    await recorder.stop();
    expect(recorder.stats()).toEqual({ path, recorded: 1_200, writeErrors: 0 });
    // Then replaying the file (no re-stamping) yields exactly the recorded ticks
    const replay = await ReplayFeed.create({ logger, path, speed: 0, rebase: false });
    const replayed: Tick[] = [];
    replay.onTick((t) => replayed.push(t));
    await replay.start();
    await replay.done();
    await replay.stop();
    expect(replayed).toEqual(source.ticks);
    expect(replay.health()[0]!.parseErrors).toBe(0);
    expect(replay.simulated).toBe(true);
  });

  it('flushes on its timer, records only while started, and can append', async () => {
    const path = join(dir, 'ticks.ndjson');
    const source = sim(3);
    const recorder = await TickRecorder.create({ logger, path, flushIntervalMs: 20 });
    recorder.attach(source.feed);
    source.feed.step(); // before start: not recorded
    await recorder.start();
    source.feed.step();
    const deadline = Date.now() + 2_000;
    let text = '';
    while (text.split('\n').length < 13 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      text = await readFile(path, 'utf8');
    }
    expect(text.trimEnd().split('\n')).toHaveLength(12);
    await recorder.stop();
    source.feed.step(); // after stop: not recorded

    const again = await TickRecorder.create({ logger, path, append: true });
    again.attach(source.feed);
    await again.start();
    source.feed.step();
    await again.stop();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(24);
    expect(lines.map((l) => JSON.parse(l) as Tick)).toEqual([...source.ticks.slice(12, 24), ...source.ticks.slice(36, 48)]);
  });

  it('refuses a path it cannot open with a typed error', async () => {
    await expect(TickRecorder.create({ logger, path: dir })).rejects.toMatchObject({ code: 'EXEC_ERR_RECORDER_OPEN' });
  });
});
