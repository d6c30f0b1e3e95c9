// Seeded TypeScript-like source text for the generated benchmark repositories: same seed, same bytes.

export { seededRandom } from '../test/support/synthetic-diff.js';

export type Random = () => number;

/** The packages and feature folders of a generated monorepo's paths. */
export const PACKAGES = [
  'core',
  'cli',
  'web',
  'api',
  'shared',
  'worker',
  'auth',
  'billing',
  'search',
  'ui-kit',
  'sdk',
  'infra',
];
export const FEATURES = ['components', 'services', 'models', 'utils', 'hooks', 'routes', 'store', 'lib'];

const NOUNS = [
  'value',
  'config',
  'items',
  'result',
  'token',
  'budget',
  'cache',
  'user',
  'request',
  'options',
  'entry',
  'path',
  'chunk',
  'limit',
  'state',
  'index',
];
const VERBS = [
  'parse',
  'render',
  'resolve',
  'load',
  'apply',
  'collect',
  'format',
  'merge',
  'validate',
  'build',
  'fetch',
  'update',
];
const TYPES = [
  'string',
  'number',
  'boolean',
  'readonly string[]',
  'Map<string, number>',
  'Options',
  'Result | undefined',
];

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function name(random: Random): string {
  const noun = pick(random, NOUNS);
  return random() < 0.5 ? noun : `${noun}${pick(random, NOUNS).replace(/^./, (c) => c.toUpperCase())}`;
}

function call(random: Random): string {
  return `${pick(random, VERBS)}${pick(random, NOUNS).replace(/^./, (c) => c.toUpperCase())}(${name(random)}, ${Math.floor(random() * 100)})`;
}

/** One statement-like line at the given indent. */
export function codeLine(random: Random, indent = '  '): string {
  const r = random();
  if (r < 0.35) return `${indent}const ${name(random)} = ${call(random)};`;
  if (r < 0.5) return `${indent}if (${name(random)}.length > ${Math.floor(random() * 64)}) return ${call(random)};`;
  if (r < 0.62)
    return `${indent}${name(random)}.push({ ${name(random)}: ${name(random)}, kind: '${pick(random, NOUNS)}' });`;
  if (r < 0.72)
    return `${indent}// ${pick(random, VERBS)} the ${pick(random, NOUNS)} before the ${pick(random, NOUNS)} is ${pick(random, VERBS)}d`;
  if (r < 0.84) return `${indent}${name(random)} = await ${call(random)};`;
  if (r < 0.92) return `${indent}throw new Error(\`${pick(random, VERBS)} failed for \${${name(random)}}\`);`;
  return `${indent}return ${name(random)} ?? ${call(random)};`;
}

/** A block (function, interface or import group) of roughly `size` lines. */
function block(random: Random, size: number): string[] {
  const kind = random();
  const id = `${pick(random, VERBS)}${pick(random, NOUNS).replace(/^./, (c) => c.toUpperCase())}${Math.floor(random() * 1000)}`;
  if (kind < 0.15) {
    const lines = [`export interface ${id.replace(/^./, (c) => c.toUpperCase())} {`];
    for (let i = 0; i < size; i++) lines.push(`  ${name(random)}${i}: ${pick(random, TYPES)};`);
    return [...lines, '}', ''];
  }
  const lines = [
    `export async function ${id}(${name(random)}: ${pick(random, TYPES)}): Promise<${pick(random, TYPES)}> {`,
  ];
  for (let i = 0; i < size; i++) lines.push(codeLine(random));
  return [...lines, '}', ''];
}

/** A whole source file of about `lineCount` lines (imports first, then blocks). */
export function sourceFile(random: Random, lineCount: number): string[] {
  const lines: string[] = [];
  const imports = 1 + Math.floor(random() * 5);
  for (let i = 0; i < imports; i++)
    lines.push(`import { ${call(random).split('(')[0]} } from '../${pick(random, NOUNS)}/${pick(random, VERBS)}.js';`);
  lines.push('');
  while (lines.length < lineCount) lines.push(...block(random, 4 + Math.floor(random() * 18)));
  return lines;
}

export interface EditOptions {
  /** Number of edit sites spread over the file. */
  sites: number;
}

/** Edits a file at `sites` places: lines replaced, inserted and removed, so the diff has that many hunks or so. */
export function editLines(random: Random, lines: readonly string[], options: EditOptions): string[] {
  const out = [...lines];
  const step = Math.max(2, Math.floor(out.length / (options.sites + 1)));
  for (let site = options.sites; site >= 1; site--) {
    const at = Math.min(out.length - 1, site * step + Math.floor(random() * Math.max(1, step / 3)));
    if (at < 0) break;
    const r = random();
    if (r < 0.5) out.splice(at, 1, codeLine(random), codeLine(random));
    else if (r < 0.8) out.splice(at, 0, codeLine(random), codeLine(random), codeLine(random));
    else out.splice(at, 1 + Math.floor(random() * 2));
  }
  return out;
}

/** package-lock.json-like text with `entries` packages. */
export function lockfileText(random: Random, entries: number): string {
  const packages: string[] = [];
  for (let i = 0; i < entries; i++) {
    const hex = Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
    packages.push(
      `    "node_modules/${pick(random, NOUNS)}-${pick(random, VERBS)}-${i}": {\n      "version": "${1 + Math.floor(random() * 9)}.${Math.floor(random() * 20)}.${Math.floor(random() * 30)}",\n      "resolved": "https://registry.example/${i}.tgz",\n      "integrity": "sha512-${hex}${hex}${hex}"\n    }`,
    );
  }
  return `{\n  "name": "bench",\n  "lockfileVersion": 3,\n  "packages": {\n${packages.join(',\n')}\n  }\n}\n`;
}

/** One line of about `size` bytes of statements with no newline between them, as a minifier writes a bundle. */
export function minifiedLine(random: Random, size: number): string {
  const statements: string[] = [];
  let length = 0;
  // 1 MB of distinct statements, repeated: generating 100 MB statement by statement would take longer than the bench.
  while (length < Math.min(size, 1024 * 1024)) {
    const statement = codeLine(random, '').replace(/^\/\/.*$/, 'void 0;');
    statements.push(statement);
    length += statement.length;
  }
  const block = statements.join('');
  return block.repeat(Math.ceil(size / block.length)).slice(0, size);
}

/** Bytes that git takes for binary (NULs in the first 8000). */
export function binaryBytes(random: Random, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = random() < 0.1 ? 0 : Math.floor(random() * 256);
  return bytes;
}
