/** The engine's version: package.json's, read once (the OpenAPI document and /metrics report it). */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };

export const ENGINE_VERSION: string = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
