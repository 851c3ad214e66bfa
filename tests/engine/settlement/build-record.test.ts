import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import bs58 from 'bs58';
import { createSigner } from '../../../engine/src/signer/sign.js';
import { buildSettlementRecord } from '../../../engine/src/settlement/build-record.js';
import {
  SettlementVerificationError,
  canonicalSourcesBytes,
  medianPrice,
  selectSettlementSources,
  sha256,
  verifySettlementRecord,
  type SettlementRecordJson,
} from '../../../engine/src/client/settlement-record.js';
import { decodeSettlement, FLAG_SIMULATED } from '../../../engine/src/client/quote-message.js';
import { EXEC_TRADE_PROGRAM_ID } from '../../../engine/src/client/constants.js';

const settler = createSigner(randomBytes(32));
const SIGNER = bs58.encode(settler.publicKey);
const EXPIRY = 1_800_000_300;
const E = EXPIRY * 1000;
const rule = { windowMs: 5_000, minProviders: 2 };

const observations = [
  { venue: 'binance', mid: 97_000_000_000n, exchangeTs: E - 6_000 }, // before the window
  { venue: 'binance', mid: 97_100_000_000n, exchangeTs: E - 200 },
  { venue: 'binance', mid: 97_900_000_000n, exchangeTs: E + 1 }, // after expiry
  { venue: 'coinbase', mid: 97_050_000_000n, exchangeTs: E - 4_000 },
  { venue: 'coinbase', mid: 97_060_000_000n, exchangeTs: E },
  { venue: 'kraken', mid: 97_200_000_001n, exchangeTs: E - 5_000 },
  { venue: 'bybit', mid: 96_000_000_000n, exchangeTs: E - 5_001 }, // just outside
];

async function build(overrides: Partial<Parameters<typeof buildSettlementRecord>[0]> = {}) {
  return buildSettlementRecord({
    symbol: 'BTCUSDT',
    asset: 1,
    cluster: 0,
    programId: EXEC_TRADE_PROGRAM_ID.toBytes(),
    expiryTs: EXPIRY,
    observations,
    rule,
    publishedAtMs: E + 1_500,
    simulated: false,
    signer: settler,
    ...overrides,
  });
}

describe('settlement method 1: median of venue prices at expiry', () => {
  it('takes each venue’s last mid inside [expiry − window, expiry], in venue-name order', () => {
    const sel = selectSettlementSources(observations, EXPIRY, rule);
    expect(sel.map((s) => [s.venue, s.mid])).toEqual([
      ['binance', 97_100_000_000n],
      ['coinbase', 97_060_000_000n],
      ['kraken', 97_200_000_001n],
    ]);
  });

  it('median: middle value when odd, floor of the mean of the middle two when even', () => {
    expect(medianPrice([3n, 1n, 2n])).toBe(2n);
    expect(medianPrice([4n, 1n, 2n, 7n])).toBe(3n);
    expect(medianPrice([5n])).toBe(5n);
    expect(() => medianPrice([])).toThrow(SettlementVerificationError);
  });

  it('builds a signed record whose message carries the price, count and hash of the canonical sources', async () => {
    const res = await build();
    if (!res.ok) throw new Error(res.reason);
    const r = res.record;
    expect(r.price).toBe('97100000000');
    expect(r.sourceCount).toBe(3);
    const f = decodeSettlement(Buffer.from(r.message, 'base64'));
    expect(f.price).toBe(97_100_000_000n);
    expect(f.expiryTs).toBe(BigInt(EXPIRY));
    expect(f.method).toBe(1);
    expect(f.flags & FLAG_SIMULATED).toBe(0);
    const hash = await sha256(canonicalSourcesBytes(r));
    expect(Buffer.from(f.sourcesHash).toString('hex')).toBe(Buffer.from(hash).toString('hex'));
    expect(new TextDecoder().decode(canonicalSourcesBytes(r))).toBe(
      `{"v":1,"symbol":"BTCUSDT","expiryTs":${EXPIRY},"method":1,"windowMs":5000,"sources":[` +
        `{"venue":"binance","mid":"97100000000","exchangeTs":${E - 200}},` +
        `{"venue":"coinbase","mid":"97060000000","exchangeTs":${E}},` +
        `{"venue":"kraken","mid":"97200000001","exchangeTs":${E - 5000}}]}`,
    );
  });

  it('refuses to settle with fewer than minProviders venues', async () => {
    const res = await build({ observations: observations.filter((o) => o.venue === 'binance') });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.providers).toBe(1);
  });

  it('sets the SIMULATED flag for simulated prices', async () => {
    const res = await build({ simulated: true });
    if (!res.ok) throw new Error(res.reason);
    expect(decodeSettlement(Buffer.from(res.record.message, 'base64')).flags).toBe(FLAG_SIMULATED);
  });
});

describe('verifySettlementRecord recomputes a published record', () => {
  const built = async (): Promise<SettlementRecordJson> => {
    const res = await build();
    if (!res.ok) throw new Error(res.reason);
    return JSON.parse(JSON.stringify(res.record)) as SettlementRecordJson; // as received over HTTP
  };

  it('accepts an honest record and returns the recomputed price', async () => {
    const v = await verifySettlementRecord(await built(), SIGNER);
    expect(v.price).toBe(97_100_000_000n);
  });

  const tampers: Array<[string, (r: SettlementRecordJson) => SettlementRecordJson]> = [
    ['a different price', (r) => ({ ...r, price: '97100000001' })],
    ['a changed source mid', (r) => ({ ...r, sources: r.sources.map((s, i) => (i === 0 ? { ...s, mid: '97100000002' } : s)) })],
    ['a dropped source', (r) => ({ ...r, sources: r.sources.slice(1), sourceCount: 2, price: '97130000000' })],
    ['a source outside the window', (r) => ({ ...r, sources: r.sources.map((s, i) => (i === 0 ? { ...s, exchangeTs: E + 10 } : s)) })],
    ['a wrong sourcesHash', (r) => ({ ...r, sourcesHash: '00'.repeat(32) })],
    ['a wrong signer', (r) => ({ ...r, signer: bs58.encode(randomBytes(32)) })],
    ['a forged signature', (r) => ({ ...r, signature: bs58.encode(randomBytes(64)) })],
    ['a wrong expiry', (r) => ({ ...r, expiryTs: r.expiryTs + 60 })],
    ['a flipped simulated flag', (r) => ({ ...r, simulated: true })],
  ];
  for (const [name, tamper] of tampers) {
    it(`rejects ${name}`, async () => {
      await expect(verifySettlementRecord(tamper(await built()), SIGNER)).rejects.toBeInstanceOf(SettlementVerificationError);
    });
  }

  it('rejects a record signed by another key', async () => {
    const other = createSigner(randomBytes(32));
    const res = await build({ signer: other });
    if (!res.ok) throw new Error(res.reason);
    await expect(verifySettlementRecord(res.record, SIGNER)).rejects.toThrow(/settlement authority/);
  });
});
