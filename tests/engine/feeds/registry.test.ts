import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createFeed, type LiveFeedDeps } from '../../../engine/src/feeds/registry.js';
import { ReplayFeed } from '../../../engine/src/feeds/replay/replay-feed.js';
import { SimFeed } from '../../../engine/src/feeds/sim/sim-feed.js';
import type { LiveVenue, Tick } from '../../../engine/src/feeds/types.js';

const logger = pino({ level: 'silent' });

describe('createFeed', () => {
  it('builds a sim feed with the requested symbols', async () => {
    const feed = await createFeed({ kind: 'sim' }, { logger, symbols: ['SOLUSDT'], sim: { manual: true, seed: 5 } });
    expect(feed).toBeInstanceOf(SimFeed);
    expect(feed.simulated).toBe(true);
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    (feed as SimFeed).step();
    expect(new Set(ticks.map((t) => t.symbol))).toEqual(new Set(['SOLUSDT']));
  });

  it('builds a replay feed from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'registry-test-'));
    try {
      const path = join(dir, 't.ndjson');
      await writeFile(path, '');
      const feed = await createFeed({ kind: 'replay', path }, { logger, replay: { speed: 0 } });
      expect(feed).toBeInstanceOf(ReplayFeed);
      expect(feed.health()[0]!.venue).toBe('replay');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains how to run without live adapters', async () => {
    const err = await createFeed({ kind: 'live', venues: ['binance'] }, { logger }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EXEC_ERR_LIVE_FEEDS_UNAVAILABLE' });
    expect((err as Error).message).toContain('npm run demo');
    expect((err as Error).message).toContain('EXEC_FEEDS=sim');
  });

  it('hands live venues to the injected factory', async () => {
    const calls: [readonly LiveVenue[], LiveFeedDeps][] = [];
    const made = new SimFeed({ logger, manual: true });
    const feed = await createFeed(
      { kind: 'live', venues: ['kraken', 'bybit'] },
      {
        logger,
        symbols: ['BTCUSDT'],
        liveFactory: (venues, deps) => {
          calls.push([venues, deps]);
          return made;
        },
      },
    );
    expect(feed).toBe(made);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toEqual(['kraken', 'bybit']);
    expect(calls[0]![1].symbols).toEqual(['BTCUSDT']);
  });
});
