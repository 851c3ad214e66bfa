import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../engine/src/config/index.js';
import { EnvSchema } from '../../../engine/src/config/schema.js';
import { ConfigError } from '../../../engine/src/lib/errors.js';
import { quoteEngineSettingsOf } from '../../../engine/src/runtime.js';
import { parseEnvExample, type EnvVar } from '../../../scripts/env-table.js';

const ENV_EXAMPLE = fileURLToPath(new URL('../../../.env.example', import.meta.url));

/** Every `EXEC_X=value` line of .env.example, set or commented out (`# EXEC_X=…`: documented, not set by default). */
function exampleVars(): EnvVar[] {
  return parseEnvExample(readFileSync(ENV_EXAMPLE, 'utf8')).filter((v) => v.name.startsWith('EXEC_'));
}

/** Every EXEC_ variable name mentioned anywhere in .env.example, prose included (error codes excluded). */
function mentionedNames(): Set<string> {
  const text = readFileSync(ENV_EXAMPLE, 'utf8');
  return new Set([...text.matchAll(/\bEXEC_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0]).filter((n) => !n.startsWith('EXEC_ERR_')));
}

function issuesOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ env, argv: [] });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

const schemaVars = Object.keys(EnvSchema.shape).sort();

describe('.env.example and the config schema', () => {
  it('every variable .env.example names is one the loader reads, and the other way round', () => {
    const documented = [...new Set(exampleVars().map((v) => v.name))].sort();
    expect(documented.length).toBeGreaterThan(60);
    expect(documented.filter((n) => !schemaVars.includes(n)), 'documented but not read').toEqual([]);
    expect(schemaVars.filter((n) => !documented.includes(n)), 'read but not documented').toEqual([]);
    expect([...mentionedNames()].filter((n) => !schemaVars.includes(n)), 'mentioned in prose but unknown').toEqual([]);
  });

  it('the file as written loads, and every value it shows is the default', () => {
    const set = Object.fromEntries(exampleVars().filter((v) => !v.commented).map((v) => [v.name, v.value]));
    expect(loadConfig({ env: set, argv: [] })).toEqual(loadConfig({ env: {}, argv: [] }));
    for (const v of exampleVars().filter((x) => x.commented)) {
      expect(() => loadConfig({ env: { [v.name]: v.value }, argv: [] }), `# ${v.name}=${v.value}`).not.toThrow();
    }
  });
});

describe('market, volatility and sim variables', () => {
  it('maps close offsets (paired with EXEC_EXPIRIES by position), the price clamp and volatility onto the quote engine', () => {
    // Given durations out of order with their close offsets, a narrower clamp and new volatility settings
    const config = loadConfig({
      env: {
        EXEC_EXPIRIES: '5m,1m,1h',
        EXEC_TRADING_CLOSE_SEC: '60,5,0',
        EXEC_MIN_PRICE_MICROS: '50000',
        EXEC_MAX_PRICE_MICROS: '950000',
        EXEC_VOL_SAMPLE_MS: '500',
        EXEC_VOL_LAMBDA: '0.97',
        EXEC_VOL_LAMBDA_INTERVAL_MS: '20000',
        EXEC_VOL_WARMUP_SAMPLES: '30',
        EXEC_VOL_RESET_GAP_MS: '45000',
        EXEC_VOL_DEFAULT_BTC: '0.7',
        EXEC_VOL_FLOOR_BTC: '0.35',
        EXEC_VOL_CAP_BTC: '1.5',
        EXEC_VOL_CAP_SOL: '4',
      },
      argv: [],
    });

    // When the runtime turns the config into quote engine settings
    const s = quoteEngineSettingsOf(config);

    // Then every value arrives where the engine reads it
    expect(s.schedule.rounds).toEqual([
      { durationSec: 60, closeOffsetSec: 5 },
      { durationSec: 300, closeOffsetSec: 60 },
      { durationSec: 3600, closeOffsetSec: 0 },
    ]);
    expect(config.market.expiriesSec).toEqual([60, 300, 3600]);
    expect(s.pricing.minPriceMicros).toBe(50_000n);
    expect(s.pricing.maxPriceMicros).toBe(950_000n);
    expect(s.pricing.spreadMicros).toBe(20_000n);
    expect(s.volatility).toEqual({
      sampleIntervalMs: 500,
      lambda: 0.97,
      lambdaIntervalMs: 20_000,
      warmupSamples: 30,
      resetAfterGapMs: 45_000,
      perAsset: {
        BTC: { defaultVol: 0.7, floor: 0.35, cap: 1.5 },
        ETH: { defaultVol: 0.65, floor: 0.25, cap: 2.5 },
        SOL: { defaultVol: 0.85, floor: 0.3, cap: 4 },
      },
    });
  });

  it('defaults: 10 s close for rounds <= 60 s, 30 s otherwise; the engine defaults otherwise', () => {
    const s = quoteEngineSettingsOf(loadConfig({ env: { EXEC_EXPIRIES: '30s,1m,2m' }, argv: [] }));
    expect(s.schedule.rounds.map((r) => r.closeOffsetSec)).toEqual([10, 10, 30]);
    expect(s.pricing).toMatchObject({ minPriceMicros: 10_000n, maxPriceMicros: 990_000n });
    expect(s.volatility.lambda).toBe(0.94);
  });

  it('EXEC_SIM_FAULTS parses into the sim feed faults; EXEC_REPLAY_SPEED accepts fractions', () => {
    const c = loadConfig({ env: { EXEC_SIM_FAULTS: 'kraken:silent,bybit:+80bps@ETHUSDT', EXEC_REPLAY_SPEED: '0.5' }, argv: [] });
    expect(c.sim.faults).toEqual({ kraken: { silent: true }, bybit: { deviationBps: 80, symbols: ['ETHUSDT'] } });
    expect(c.replay.speed).toBe(0.5);
    expect(loadConfig({ env: {}, argv: [] }).sim.faults).toEqual({});
    expect(loadConfig({ env: { EXEC_REPLAY_SPEED: '0' }, argv: [] }).replay.speed).toBe(0);
  });

  it('lists every bad value at once, naming each variable', () => {
    const issues = issuesOf({
      EXEC_TRADING_CLOSE_SEC: '10,x',
      EXEC_MIN_PRICE_MICROS: '0',
      EXEC_VOL_LAMBDA: '1',
      EXEC_VOL_SAMPLE_MS: 'fast',
      EXEC_VOL_CAP_ETH: '-1',
      EXEC_VOL_DEFAULT_SOL: '1e3',
      EXEC_SIM_FAULTS: 'mtgox:silent',
      EXEC_REPLAY_SPEED: '-0.5',
    });
    expect(issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'EXEC_MIN_PRICE_MICROS',
      'EXEC_REPLAY_SPEED',
      'EXEC_SIM_FAULTS',
      'EXEC_TRADING_CLOSE_SEC',
      'EXEC_VOL_CAP_ETH',
      'EXEC_VOL_DEFAULT_SOL',
      'EXEC_VOL_LAMBDA',
      'EXEC_VOL_SAMPLE_MS',
    ]);
    expect(issues.find((i) => i.startsWith('EXEC_SIM_FAULTS'))).toContain('mtgox:silent');
  });

  it('rejects inconsistent combinations, naming the variable to fix', () => {
    expect(issuesOf({ EXEC_TRADING_CLOSE_SEC: '10,30' })).toEqual([
      'EXEC_TRADING_CLOSE_SEC: has 2 values for 4 EXEC_EXPIRIES entries; give one per entry, in the same order (got "10,30")',
    ]);
    expect(issuesOf({ EXEC_EXPIRIES: '1m,5m', EXEC_TRADING_CLOSE_SEC: '60,30' })).toEqual([
      'EXEC_TRADING_CLOSE_SEC: 60 s must be below its round\'s duration (60 s) (got "60,30")',
    ]);
    expect(issuesOf({ EXEC_MIN_PRICE_MICROS: '600000', EXEC_MAX_PRICE_MICROS: '500000' })[0]).toMatch(/^EXEC_MIN_PRICE_MICROS: must not exceed EXEC_MAX_PRICE_MICROS/);
    expect(issuesOf({ EXEC_MIN_PRICE_MICROS: '10000', EXEC_MAX_PRICE_MICROS: '900000' })[0]).toMatch(/^EXEC_MIN_PRICE_MICROS: plus EXEC_MAX_PRICE_MICROS must be >= 1000000/);
    expect(issuesOf({ EXEC_VOL_SAMPLE_MS: '5000', EXEC_VOL_RESET_GAP_MS: '1000' })[0]).toMatch(/^EXEC_VOL_RESET_GAP_MS: must be >= EXEC_VOL_SAMPLE_MS/);
    expect(issuesOf({ EXEC_VOL_FLOOR_BTC: '3' })[0]).toMatch(/^EXEC_VOL_FLOOR_BTC: must not exceed EXEC_VOL_CAP_BTC \(2\)/);
    expect(issuesOf({ EXEC_VOL_DEFAULT_ETH: '3' })[0]).toMatch(/^EXEC_VOL_DEFAULT_ETH: must lie within/);
    expect(issuesOf({ EXEC_PRICE_TICK_MICROS: '3000' })[0]).toMatch(/^EXEC_PRICE_TICK_MICROS: must divide EXEC_MIN_PRICE_MICROS \(10000\)/);
    expect(issuesOf({ EXEC_QUOTE_FORMAT: 'v2', EXEC_STRIKES_PER_SIDE: '16' })[0]).toMatch(/^EXEC_STRIKES_PER_SIDE: must be at most 15 with EXEC_QUOTE_FORMAT=v2/);
    expect(issuesOf({ EXEC_QUOTE_FORMAT: 'v3' })[0]).toMatch(/^EXEC_QUOTE_FORMAT/);
    expect(issuesOf({ EXEC_DECAY_MAX_MICROS_PER_SEC: '2000000' })[0]).toMatch(/^EXEC_DECAY_MAX_MICROS_PER_SEC/);
  });

  it('maps the quote format and decay onto the quote engine', () => {
    const settings = quoteEngineSettingsOf(loadConfig({ env: { EXEC_QUOTE_FORMAT: 'v2', EXEC_DECAY_SCALE_BPS: '5000', EXEC_DECAY_MAX_MICROS_PER_SEC: '40000', EXEC_STRIKES_PER_SIDE: '15' }, argv: [] }));
    expect(settings).toMatchObject({ quoteFormat: 'v2', decay: { scaleBps: 5000, maxMicrosPerSec: 40000 }, ladder: { strikesPerSide: 15 } });
    expect(quoteEngineSettingsOf(loadConfig({ env: {}, argv: [] }))).toMatchObject({ quoteFormat: 'v1', decay: { scaleBps: 10000, maxMicrosPerSec: 100000 } });
  });

  it('EXEC_LOCAL_CHAIN: auto starts the chain for the all-in-one demo only, on for any all-in-one engine, and on refuses a split role or an RPC URL', () => {
    const chainOf = (env: Record<string, string>, argv: string[] = []) => {
      const c = loadConfig({ env, argv });
      return { enabled: c.localChain.enabled, cluster: c.cluster };
    };
    expect(chainOf({}, ['--demo'])).toEqual({ enabled: true, cluster: 'localnet' });
    expect(chainOf({})).toEqual({ enabled: false, cluster: 'devnet' });
    expect(chainOf({ EXEC_LOCAL_CHAIN: 'on' })).toEqual({ enabled: true, cluster: 'localnet' });
    expect(chainOf({ EXEC_LOCAL_CHAIN: 'off' }, ['--demo'])).toEqual({ enabled: false, cluster: 'devnet' });
    expect(chainOf({ EXEC_RPC_URL: 'http://127.0.0.1:9999' }, ['--demo']).enabled).toBe(false);
    expect(issuesOf({ EXEC_LOCAL_CHAIN: 'on', EXEC_RPC_URL: 'http://127.0.0.1:9999' })[0]).toMatch(/^EXEC_LOCAL_CHAIN: =on starts its own chain: unset EXEC_RPC_URL/);
    expect(issuesOf({ EXEC_LOCAL_CHAIN: 'on', EXEC_ROLE: 'engine', EXEC_REDIS_URL: 'redis://127.0.0.1:6379' })[0]).toMatch(/^EXEC_LOCAL_CHAIN: =on needs EXEC_ROLE=all/);
  });

  it('lists cross-variable problems together with unparseable values, skipping checks of the broken ones', () => {
    const issues = issuesOf({
      EXEC_PORT: 'x',
      EXEC_MIN_INTERVAL_MS: '5000',
      EXEC_MAX_INTERVAL_MS: '1000',
      EXEC_VOL_FLOOR_BTC: '3',
      EXEC_VOL_CAP_ETH: 'lots',
      EXEC_ROLE: 'gateway',
    });
    expect(issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'EXEC_MIN_INTERVAL_MS',
      'EXEC_PORT',
      'EXEC_REDIS_URL',
      'EXEC_VOL_CAP_ETH',
      'EXEC_VOL_FLOOR_BTC',
    ]);
  });
});
