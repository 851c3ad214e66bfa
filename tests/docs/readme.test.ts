/**
 * README.md stays true: its configuration table is the one rendered from .env.example, the two
 * set-up commands are the ones .ci/run and package.json really run, and every benchmark it names
 * exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvExample, updateReadme } from '../../scripts/env-table.js';

const root = new URL('../../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), 'utf8');

describe('README.md', () => {
  const readme = read('README.md');

  it('has the configuration table rendered from .env.example (run `npx tsx scripts/env-table.ts`)', () => {
    expect(readme).toBe(updateReadme(readme, read('.env.example')));
    const names = parseEnvExample(read('.env.example')).map((v) => v.name);
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(readme).toContain(`\`${name}\``);
  });

  it('names exactly the two set-up commands, and CI runs the test one', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('every benchmark it lists exists', () => {
    const listed = /`npm run bench` runs[\s\S]*?\n\n/.exec(readme)?.[0] ?? '';
    const names = [...listed.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!).filter((n) => !['npm', 'bench'].includes(n));
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(existsSync(new URL(`bench/${n}.bench.ts`, root)), n).toBe(true);
  });
});
