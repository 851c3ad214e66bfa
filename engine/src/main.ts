/**
 * The composition root (`npm start`, `npm run demo`): config → logger → shutdown handlers → the web
 * terminal's build (when app/ changed) → oracle key → runtime (store, feed, aggregator, quote engine,
 * API; see runtime.ts) → listen.
 * Exit codes: 0 clean shutdown, 1 start-up failure / fatal error / shutdown deadline, 2 bad config.
 */
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config/index.js';
import { ConfigError, EngineError } from './lib/errors.js';
import { createLogger } from './lib/logger.js';
import { Shutdown } from './lib/shutdown.js';
import { ephemeralSigner, loadOrCreateKeypair, type LoadedKeypair } from './signer/keys.js';
import { createRoleRuntime } from './role-runtime.js';
import { ensureTerminalBuilt } from './api/terminal/build.js';

const USAGE = `exec-trade engine
  npm start                      live exchange feeds (EXEC_FEEDS=live), key from EXEC_ORACLE_KEYPAIR or .data/
  npm run demo                   simulated venues, throwaway key, everything flagged SIMULATED
  npm start -- --record <file>   also write every normalized tick to <file> (NDJSON)
Configuration: EXEC_* environment variables, each documented with its default in .env.example.
`;

function loadConfigOrExit(): Config {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`exec-trade: ${err.message}\nSee .env.example for every variable and its default.\n`);
    process.exit(2);
  }
}

async function loadKey(config: Config, log: Logger): Promise<LoadedKeypair> {
  if (config.demo) {
    const key = ephemeralSigner();
    log.warn({ oraclePublicKey: key.publicKeyBase58 }, 'demo: using a throwaway oracle key (never written to disk)');
    return key;
  }
  const key = await loadOrCreateKeypair(config.oracleKeypairPath ?? undefined, config.dataDir);
  log.info({ oraclePublicKey: key.publicKeyBase58, keypairPath: key.path, created: key.created }, 'oracle key loaded');
  return key;
}

/** Builds app/ when stale. A failed build leaves the API up: `/` then says the terminal is not built. */
async function buildTerminal(log: Logger): Promise<void> {
  try {
    await ensureTerminalBuilt(log);
  } catch (err) {
    log.error({ err }, 'the web terminal could not be built; the API runs without it');
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, simulated: config.simulated });
  const log = logger.child({ module: 'main' });
  const shutdown = new Shutdown({ logger });
  shutdown.install();

  if (config.simulated) {
    log.warn(
      { feeds: config.feeds, demo: config.demo },
      '*** SIMULATED MODE: prices do NOT come from live exchanges; every quote is flagged SIMULATED ***',
    );
  }

  if (config.role !== 'engine') await buildTerminal(log);
  try {
    // EXEC_ROLE=gateway never calls loadKey: a gateway holds no key (role-runtime.ts).
    const runtime = await createRoleRuntime({ config, logger, loadKey: () => loadKey(config, log) });
    for (const step of runtime.stopSteps) shutdown.register(step.name, () => step.run());
    // SIGUSR2: replace the stream workers one by one; their clients are handed over, never dropped.
    process.on('SIGUSR2', () => {
      runtime.restartStreamWorkers().catch((err: unknown) => log.error({ err }, 'stream worker restart failed'));
    });
    const address = await runtime.start();
    log.info(
      {
        address,
        role: runtime.role,
        oraclePublicKey: runtime.oraclePublicKey,
        ...runtime.runs,
        symbols: config.symbols,
        cluster: runtime.oracle.cluster,
        programId: runtime.oracle.programId,
        simulated: runtime.oracle.simulated,
      },
      runtime.oracle.simulated ? 'exec-trade engine listening (SIMULATED)' : 'exec-trade engine listening',
    );
  } catch (err) {
    if (err instanceof EngineError && err.code === 'EXEC_ERR_LIVE_FEEDS_UNAVAILABLE') {
      process.stderr.write(`exec-trade: ${err.message}\nTry: npm run demo\n`);
    }
    log.fatal({ err }, 'start-up failed');
    await shutdown.trigger('start-up failed', 1);
  }
}

void main();
