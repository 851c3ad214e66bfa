import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../engine/src/config/index.js';
import { ConfigError } from '../../../engine/src/lib/errors.js';
import { DEFAULT_PROGRAM_ID } from '../../../engine/src/config/defaults.js';

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults with no variables set', () => {
    const c = loadConfig({ env: {}, argv: [] });
    expect(c.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(c.logLevel).toBe('info');
    expect(c.feeds).toEqual({ kind: 'live' });
    expect(c.simulated).toBe(false);
    expect(c.demo).toBe(false);
    expect(c.symbols).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(c.oracleKeypairPath).toBeNull();
    expect(c.dataDir).toBe('.data');
    expect(c.cluster).toBe('devnet');
    expect(c.programId).toBe(DEFAULT_PROGRAM_ID);
    expect(c.quoteEpoch).toBe(1n);
    expect(c.ws).toEqual({
      maxSubscriptions: 3,
      maxFrameBytes: 4096,
      heartbeatMs: 5000,
      maxBufferedBytes: 4_194_304,
      rawWrites: true,
      maxConnectionsPerIp: 50,
      maxMessagesPerSec: 10,
    });
    expect(c.http).toEqual({ rateLimitMax: 600, rateLimitWindowMs: 60_000, txRateLimitMax: 60, corsOrigins: [] });
    expect(c.writerLease).toEqual({ ttlMs: 3_000, renewMs: 1_000 });
    expect(c.recordFile).toBeNull();
  });

  it('parses every variable it is given', () => {
    const c = loadConfig({
      env: {
        EXEC_HOST: '0.0.0.0',
        EXEC_PORT: '9001',
        EXEC_LOG_LEVEL: 'debug',
        EXEC_FEEDS: 'replay:/tmp/ticks.ndjson',
        EXEC_SYMBOLS: 'solusdt, BTCUSDT',
        EXEC_ORACLE_KEYPAIR: '/keys/oracle.json',
        EXEC_CLUSTER: 'localnet',
        EXEC_QUOTE_EPOCH: '18446744073709551615',
        EXEC_WS_HEARTBEAT_MS: '250',
        PATH: '/usr/bin',
      },
      argv: ['--record', '/tmp/out.ndjson'],
    });
    expect(c.server).toEqual({ host: '0.0.0.0', port: 9001 });
    expect(c.feeds).toEqual({ kind: 'replay', file: '/tmp/ticks.ndjson' });
    expect(c.simulated).toBe(true);
    expect(c.symbols).toEqual(['SOLUSDT', 'BTCUSDT']);
    expect(c.oracleKeypairPath).toBe('/keys/oracle.json');
    expect(c.quoteEpoch).toBe(18_446_744_073_709_551_615n);
    expect(c.ws.heartbeatMs).toBe(250);
    expect(c.recordFile).toBe('/tmp/out.ndjson');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ env: { EXEC_PORT: '', EXEC_SYMBOLS: '  ' }, argv: [] }).server.port).toBe(8080);
  });

  it('--demo forces the sim feed and marks the config simulated', () => {
    const c = loadConfig({ env: { EXEC_FEEDS: 'live' }, argv: ['--demo'] });
    expect(c.demo).toBe(true);
    expect(c.feeds).toEqual({ kind: 'sim' });
    expect(c.simulated).toBe(true);
  });

  it('lists every problem at once, naming each variable', () => {
    const issues = issuesOf(() =>
      loadConfig({
        env: {
          EXEC_PORT: '70000',
          EXEC_LOG_LEVEL: 'loud',
          EXEC_FEEDS: 'kafka',
          EXEC_SYMBOLS: 'BTCUSDT,DOGEUSDT',
          EXEC_CLUSTER: 'moon',
          EXEC_PROGRAM_ID: 'not-base58!',
          EXEC_QUOTE_EPOCH: '18446744073709551616',
          EXEC_WS_MAX_FRAME_BYTES: 'lots',
          EXEC_TYPO: '1',
        },
        argv: ['--verbose', '--record'],
      }),
    );
    const named = (prefix: string) => issues.filter((i) => i.startsWith(prefix));
    for (const name of [
      'EXEC_PORT',
      'EXEC_LOG_LEVEL',
      'EXEC_FEEDS',
      'EXEC_SYMBOLS',
      'EXEC_CLUSTER',
      'EXEC_PROGRAM_ID',
      'EXEC_QUOTE_EPOCH',
      'EXEC_WS_MAX_FRAME_BYTES',
      'EXEC_TYPO',
      '--verbose',
      '--record',
    ]) {
      expect(named(name), `${name} in ${issues.join(' | ')}`).toHaveLength(1);
    }
    expect(named('EXEC_SYMBOLS')[0]).toContain('DOGEUSDT');
    expect(issues).toHaveLength(11);
  });

  it('rejects duplicate and empty symbol lists', () => {
    expect(issuesOf(() => loadConfig({ env: { EXEC_SYMBOLS: 'BTCUSDT,btcusdt' }, argv: [] }))[0]).toContain('twice');
    expect(issuesOf(() => loadConfig({ env: { EXEC_SYMBOLS: ',' }, argv: [] }))[0]).toContain('at least one');
  });

  it('returns a deeply frozen object', () => {
    const c = loadConfig({ env: {}, argv: [] });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.server)).toBe(true);
    expect(Object.isFrozen(c.symbols)).toBe(true);
    expect(() => {
      (c.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('maps feed, aggregator and market settings onto the component defaults', () => {
    const d = loadConfig({ env: {}, argv: [] });
    expect(d.venues).toEqual(['binance', 'coinbase', 'kraken', 'bybit']);
    expect(d.market.expiriesSec).toEqual([60, 300, 900, 3600]);
    expect(d.market.strikeSpacing).toEqual({ BTC: 100_000_000n, ETH: 10_000_000n, SOL: 1_000_000n });
    expect(d.market.strikesPerSide).toBe(5);
    expect(d.aggregator.minProviders).toBe(2);
    const c = loadConfig({
      env: {
        EXEC_VENUES: 'Kraken,bybit',
        EXEC_KRAKEN_WS_URL: 'ws://127.0.0.1:9999/ws',
        EXEC_EXPIRIES: '5m,30s,1h',
        EXEC_STRIKE_SPACING_ETH: '12.5',
        EXEC_MAX_SIZE_SOL: '42',
        EXEC_REPLAY_LOOP: 'true',
      },
      argv: [],
    });
    expect(c.venues).toEqual(['kraken', 'bybit']);
    expect(c.venueUrls).toEqual({ kraken: 'ws://127.0.0.1:9999/ws' });
    expect(c.market.expiriesSec).toEqual([30, 300, 3600]);
    expect(c.market.strikeSpacing.ETH).toBe(12_500_000n);
    expect(c.market.maxSizeAtoms.SOL).toBe(42n);
    expect(c.replay.loop).toBe(true);
  });

  it('rejects bad feed and market settings, naming each', () => {
    const issues = issuesOf(() =>
      loadConfig({
        env: {
          EXEC_VENUES: 'binance,ftx',
          EXEC_EXPIRIES: '1m,fortnight',
          EXEC_STRIKE_SPACING_BTC: '-5',
          EXEC_BYBIT_WS_URL: 'http://example',
          EXEC_REPLAY_LOOP: 'maybe',
          EXEC_AGG_MIN_PROVIDERS: '9',
        },
        argv: [],
      }),
    );
    expect(issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'EXEC_AGG_MIN_PROVIDERS',
      'EXEC_BYBIT_WS_URL',
      'EXEC_EXPIRIES',
      'EXEC_REPLAY_LOOP',
      'EXEC_STRIKE_SPACING_BTC',
      'EXEC_VENUES',
    ]);
    expect(issuesOf(() => loadConfig({ env: { EXEC_MIN_INTERVAL_MS: '5000', EXEC_MAX_INTERVAL_MS: '1000' }, argv: [] }))).toEqual([
      'EXEC_MIN_INTERVAL_MS: must not exceed EXEC_MAX_INTERVAL_MS (1000) (got "5000")',
    ]);
  });
});

describe('abuse limits and writer lease variables', () => {
  it('parse CORS origins and refuse a renew interval above half the lease TTL, listing both problems', () => {
    expect(loadConfig({ env: { EXEC_CORS_ORIGINS: 'https://a.example.com, http://127.0.0.1:5173' }, argv: [] }).http.corsOrigins).toEqual([
      'https://a.example.com',
      'http://127.0.0.1:5173',
    ]);
    expect(loadConfig({ env: { EXEC_CORS_ORIGINS: '*' }, argv: [] }).http.corsOrigins).toBe('*');
    expect(() => loadConfig({ env: { EXEC_CORS_ORIGINS: 'evil', EXEC_WRITER_LEASE_TTL_MS: '1000', EXEC_WRITER_LEASE_RENEW_MS: '600' }, argv: [] })).toThrow(
      /EXEC_CORS_ORIGINS[\s\S]*EXEC_WRITER_LEASE_RENEW_MS: must be at most half/,
    );
  });
});
