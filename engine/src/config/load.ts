/**
 * The ONLY module that reads `process.env` (STYLE.md 3.4). Parses the EXEC_* variables and the argv
 * flags once, reports every problem at the same time as a `ConfigError`, and returns a deeply
 * frozen `Config`.
 */
import { ConfigError } from '../lib/errors.js';
import { ArgsSchema, EnvSchema, toConfig, type Config } from './schema.js';

export interface LoadOptions {
  /** Defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The arguments after the script name; defaults to `process.argv.slice(2)`. */
  readonly argv?: readonly string[];
}

const KNOWN_VARS = new Set(Object.keys(EnvSchema.shape));

function parseArgv(argv: readonly string[], issues: string[]): { demo: boolean; record: string | null } {
  let demo = false;
  let record: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') demo = true;
    else if (arg === '--record') {
      const file = argv[i + 1];
      if (file === undefined || file.startsWith('--')) issues.push('--record: needs a file path');
      else {
        record = file;
        i++;
      }
    } else if (arg !== undefined && arg.startsWith('--record=')) record = arg.slice('--record='.length);
    else issues.push(`${arg}: unknown argument (allowed: --demo, --record <file>, --help)`);
  }
  return { demo, record };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv.slice(2);
  const issues: string[] = [];

  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('EXEC_')) continue;
    if (!KNOWN_VARS.has(name)) {
      issues.push(`${name}: unknown variable (see .env.example)`);
      continue;
    }
    if (value !== undefined && value.trim() !== '') vars[name] = value.trim();
  }

  const args = parseArgv(argv, issues);
  const parsedEnv = EnvSchema.safeParse(vars);
  if (!parsedEnv.success) {
    for (const issue of parsedEnv.error.issues) {
      const name = issue.path.map(String).join('.');
      issues.push(`${name}: ${issue.message}${name in vars ? ` (got "${vars[name]}")` : ''}`);
    }
  }
  const parsedArgs = ArgsSchema.safeParse(args);
  if (!parsedArgs.success) {
    for (const issue of parsedArgs.error.issues) issues.push(`--${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  if (issues.length > 0 || !parsedEnv.success || !parsedArgs.success) throw new ConfigError(issues);
  return deepFreeze(toConfig(parsedEnv.data, parsedArgs.data)) as Config;
}
