/**
 * The latency-arbitrage figure (issue 13): does decay take away the edge of a taker who holds a
 * quote while the index moves? Reproducible (seeded): the demo's sim feed (SimFeed, seed 7, manual
 * steps of 100 ms on a simulated clock) through the real Aggregator and QuoteEngine (quote format
 * v2, demo settings, 60 s rounds) for two simulated hours, BTCUSDT.
 *
 * The bot sees every newly signed leaf at its generation time, waits `d` seconds, looks at the index
 * then and values UP with the engine's own model (probabilityAbove at that index, the round's
 * volatility, the time left). It takes the side whose value exceeds what it would pay, if the quote
 * is still valid and the round still open at landing. It pays the signed price (no decay), or the
 * price the program charges at landing (`priceAtLanding`, the chain second of landing). Every take
 * is scored against the round's outcome, the index at expiry (UP wins at ≥ strike): realized edge =
 * payout − price, per 1 of payout; expected edge = model value at landing − price (less noisy);
 * edge per quote = the bot's expected gain (the house's loss) per quote offered, taken or not.
 */
import bs58 from 'bs58';
import pino from 'pino';
import { SimFeed } from '../engine/src/feeds/sim/sim-feed.js';
import { Aggregator } from '../engine/src/aggregator/aggregator.js';
import { QuoteEngine } from '../engine/src/market/quote-engine.js';
import { buildScheduleOptions } from '../engine/src/market/schedule.js';
import { probabilityAbove } from '../engine/src/market/probability.js';
import { createSigner } from '../engine/src/signer/sign.js';
import { priceAtLanding } from '../engine/src/client/taker-price.js';
import type { LadderLeafJson, MarketSurface } from '../engine/src/market/types.js';

const SEED = 7;
const HOURS = 2;
const STEP_MS = 100;
const T0 = 1_767_225_600_000; // a whole hour
const DELAYS_SEC = [0, 0.5, 1, 2, 3];
/** The engine's highest price (EXEC_MAX_PRICE default, 0.99) and decay's cap. */
const CAP = 990_000n;

interface Offered {
  readonly leaf: LadderLeafJson;
  readonly sigma: number;
  readonly closeMs: number;
}

interface Tally {
  takes: number;
  expected: number;
  realized: number;
}

export default async function bench(log: (line: string) => void): Promise<void> {
  let now = T0;
  const logger = pino({ level: 'silent' });
  const feed = new SimFeed({ logger, symbols: ['BTCUSDT'], seed: SEED, manual: true, now: () => now });
  const aggregator = new Aggregator({ logger, symbols: ['BTCUSDT'], allowSimulated: true, now: () => now });
  const offered = new Map<string, Offered>();
  const index: Array<[number, bigint]> = [];
  const engine = new QuoteEngine({
    signer: createSigner(new Uint8Array(32).fill(9)),
    publish: (s: MarketSurface) => {
      for (const r of s.rounds) {
        for (const q of r.quotes) {
          const leaf = q as LadderLeafJson;
          if (!offered.has(leaf.quoteId)) offered.set(leaf.quoteId, { leaf, sigma: Number(r.volatility) / 1e6, closeMs: r.tradingCloseTs * 1000 });
        }
      }
    },
    logger,
    cluster: 'localnet',
    programId: bs58.encode(new Uint8Array(32).fill(3)),
    epoch: 1n,
    simulated: true,
    symbols: ['BTCUSDT'],
    schedule: buildScheduleOptions([60]),
    quoteFormat: 'v2',
    now: () => now,
  });
  aggregator.attach(feed);
  aggregator.onSnapshot((snap) => {
    if (snap.price !== null) index.push([now, snap.price]);
    engine.onIndex(snap);
  });
  await aggregator.start();
  await engine.start();
  await feed.start();
  const steps = (HOURS * 3_600_000) / STEP_MS;
  for (let i = 0; i < steps; i++) {
    now += STEP_MS;
    feed.step(STEP_MS);
  }
  await feed.stop();
  await engine.stop();
  await aggregator.stop();

  /** The last index at or before `t` (binary search over the time-ordered history). */
  const indexAt = (t: number): bigint | null => {
    let lo = 0;
    let hi = index.length - 1;
    if (hi < 0 || (index[0] as [number, bigint])[0] > t) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((index[mid] as [number, bigint])[0] <= t) lo = mid;
      else hi = mid - 1;
    }
    return (index[lo] as [number, bigint])[1];
  };

  const rowsOf = (inBand: boolean) => DELAYS_SEC.map((d) => {
    const plain: Tally = { takes: 0, expected: 0, realized: 0 };
    const decayed: Tally = { takes: 0, expected: 0, realized: 0 };
    let quotes = 0;
    for (const { leaf, sigma, closeMs } of offered.values()) {
      // a side at the 0.99 cap sells a near-certain payout for 0.99 whatever the delay
      if ((BigInt(leaf.upPrice) >= CAP || BigInt(leaf.downPrice) >= CAP) === inBand) continue;
      const landing = leaf.generatedAtMs + d * 1000;
      const expiryMs = leaf.expiryTs * 1000;
      // at no delay the bot sees the index the engine priced from
      const spot = d === 0 ? BigInt(leaf.refPrice) : indexAt(landing);
      const settle = indexAt(expiryMs);
      if (landing > leaf.validUntilMs || landing >= closeMs || spot === null || settle === null || expiryMs > now) continue;
      quotes++;
      const strike = BigInt(leaf.strike);
      const fairUp = probabilityAbove(spot, strike, sigma, (expiryMs - landing) / 1000);
      const upWins = settle >= strike;
      const take = (t: Tally, up: bigint, down: bigint): void => {
        const upEdge = fairUp - Number(up) / 1e6;
        const downEdge = 1 - fairUp - Number(down) / 1e6;
        if (upEdge <= 0 && downEdge <= 0) return;
        const buyUp = upEdge >= downEdge;
        t.takes++;
        t.expected += buyUp ? upEdge : downEdge;
        t.realized += (buyUp === upWins ? 1 : 0) - Number(buyUp ? up : down) / 1e6;
      };
      take(plain, BigInt(leaf.upPrice), BigInt(leaf.downPrice));
      take(decayed, priceAtLanding(leaf, 'up', landing), priceAtLanding(leaf, 'down', landing));
    }
    return { d, quotes, plain, decayed };
  });

  const pctOf = (v: number, n: number): string => (n === 0 ? '     n/a' : `${((100 * v) / n).toFixed(2).padStart(7)}%`);
  log(`sim seed ${SEED}, ${HOURS} h of BTCUSDT at ${1000 / STEP_MS} Hz, 60 s rounds, v2 demo settings; ${offered.size} leaves signed; edge per 1 of payout (bot's gain = house's loss)`);
  const table = (title: string, rows: ReturnType<typeof rowsOf>): void => {
    log(title);
    log('| delay | quotes | no decay: takes | exp. edge/take | realized/take | exp. edge/quote | with decay: takes | exp. edge/take | realized/take | exp. edge/quote |');
    log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const { d, quotes, plain, decayed } of rows) {
      const cols = (t: Tally): string => `${t.takes} | ${pctOf(t.expected, t.takes)} | ${pctOf(t.realized, t.takes)} | ${pctOf(t.expected, quotes)}`;
      log(`| ${d.toFixed(1)} s | ${quotes} | ${cols(plain)} | ${cols(decayed)} |`);
    }
  };
  table('strikes priced inside the band (neither side at the 0.99 cap): the latency edge', rowsOf(true));
  table('strikes with a side at the 0.99 cap (deep in or out of the money): the cap, not latency', rowsOf(false));
  log('realized edge is one path: outcomes of one round are correlated, so read it beside the expected edge');
}
