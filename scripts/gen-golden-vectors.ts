/** Writes tests/fixtures/golden/vectors.txt. Run: npx tsx scripts/gen-golden-vectors.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderGoldenVectors } from './golden-vectors.js';

const target = fileURLToPath(new URL('../tests/fixtures/golden/vectors.txt', import.meta.url));
writeFileSync(target, renderGoldenVectors());
process.stdout.write(`wrote ${target}\n`);
