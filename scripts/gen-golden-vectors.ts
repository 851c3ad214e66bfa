/** Writes tests/fixtures/golden/vectors.txt and ladder.txt. Run: npx tsx scripts/gen-golden-vectors.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderGoldenVectors } from './golden-vectors.js';
import { renderGoldenLadders } from './golden-ladder.js';

for (const [file, render] of [
  ['vectors.txt', renderGoldenVectors],
  ['ladder.txt', renderGoldenLadders],
] as const) {
  const target = fileURLToPath(new URL(`../tests/fixtures/golden/${file}`, import.meta.url));
  writeFileSync(target, render());
  process.stdout.write(`wrote ${target}\n`);
}
