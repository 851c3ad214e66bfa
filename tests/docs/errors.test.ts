/** docs/errors.md lists every error code the engine and the SDK can raise (STYLE.md 3.6). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/errors.md', () => {
  it('names every EXEC_ERR_ code written in engine/src', () => {
    const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    const codes = new Set(sources(join(root, 'engine/src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(EXEC_ERR_[A-Z0-9_]+)'/g)].map((m) => m[1] as string)));
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((c) => !doc.includes(`\`${c}\``)).sort()).toEqual([]);
  });
});
