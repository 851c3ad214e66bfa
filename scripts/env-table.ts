/**
 * Renders the configuration table of README.md from .env.example (the one documented list of
 * variables; tests/engine/config keeps it equal to what the loader accepts).
 * `npx tsx scripts/env-table.ts` rewrites the README block between the env-table markers;
 * tests/docs/readme.test.ts fails when the block is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const START = '<!-- env-table:start -->';
export const END = '<!-- env-table:end -->';

export interface EnvVar {
  readonly section: string;
  readonly name: string;
  readonly value: string;
  readonly doc: string;
  /** Written as `# NAME=value`: documented with an example, not set by default. */
  readonly commented: boolean;
}

const VAR_LINE = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;

export function parseEnvExample(text: string): EnvVar[] {
  const vars: EnvVar[] = [];
  let section = '';
  let doc: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const heading = /^#\s*---\s*(.+?)\s*---\s*$/.exec(line);
    const assignment = VAR_LINE.exec(line);
    if (heading) {
      section = heading[1]!;
      doc = [];
    } else if (assignment) {
      vars.push({ section, name: assignment[2]!, value: assignment[3]!.trim(), doc: doc.join(' '), commented: assignment[1] !== undefined });
      doc = [];
    } else if (line.startsWith('#')) {
      doc.push(line.replace(/^#\s?/, ''));
    } else {
      doc = [];
    }
  }
  return vars;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

export function renderEnvTable(envExample: string): string {
  const vars = parseEnvExample(envExample);
  const out: string[] = [START, ''];
  let section: string | null = null;
  for (const v of vars) {
    if (v.section !== section) {
      section = v.section;
      out.push('', `**${cell(section || 'General')}**`, '', '| variable | default | meaning |', '|---|---|---|');
    }
    const value = v.commented || v.value === '' ? '(unset)' : `\`${cell(v.value)}\``;
    const example = v.commented && v.value !== '' ? ` Example: \`${cell(v.value)}\`.` : '';
    out.push(`| \`${v.name}\` | ${value} | ${cell(v.doc)}${example} |`);
  }
  out.push('', END);
  return out.join('\n');
}

export function updateReadme(readme: string, envExample: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no env-table markers');
  return readme.slice(0, a) + renderEnvTable(envExample) + readme.slice(b + END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readmePath = `${root}README.md`;
  const next = updateReadme(readFileSync(readmePath, 'utf8'), readFileSync(`${root}.env.example`, 'utf8'));
  writeFileSync(readmePath, next);
  process.stdout.write('README.md configuration table updated\n');
}
