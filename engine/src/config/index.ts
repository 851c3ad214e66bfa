export { loadConfig, type LoadOptions } from './load.js';
export { type Config, type FeedsConfig, LOG_LEVELS } from './schema.js';
export { DEFAULT_PROGRAM_ID, QUOTE_FORMAT_VERSION, SHUTDOWN_DEADLINE_MS } from './defaults.js';
