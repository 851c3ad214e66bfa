/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those whose name contains argv[2]) and
 * prints their figures. Each module default-exports `async (log: (line: string) => void) => void`.
 * Benchmarks are measurements, never pass/fail tests.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

for (const file of files) {
  log(`\n== ${file.replace('.bench.ts', '')} ==`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: (l: typeof log) => Promise<void> };
  await mod.default(log);
}
process.exit(0);
