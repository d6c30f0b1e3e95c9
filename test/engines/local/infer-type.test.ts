import { describe, expect, it } from 'vitest';
import type { FileDiff } from '../../../src/diff/types.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { addedFile, makeDiff } from './make-diff.js';

const typeOf = (files: FileDiff[], history: string[] = [], fileHistory: Record<string, string[]> = {}) =>
  generateLocalMessage({ files, history, fileHistory, maxLength: 72, body: false }).type;

const guardFix = makeDiff('src/render.ts', [
  ' export function renderSlot(slots: Slots, name: string) {',
  '+  if (!slots) return',
  '   const slot = slots[name]',
]);
const newFeature = [
  addedFile('src/config.ts', [
    'export function parseConfig(text: string) {',
    '  return JSON.parse(text)',
    '}',
    'export function loadDefaults() {',
    '  return {}',
    '}',
  ]),
  makeDiff('src/index.ts', ["+export { parseConfig, loadDefaults } from './config.js'"]),
];

describe('type inference from paths and content', () => {
  it.each([
    ['docs only', 'docs', [makeDiff('README.md', ['-Old intro', '+New intro'])]],
    [
      'ci only',
      'ci',
      [makeDiff('.github/workflows/ci.yml', ['-    runs-on: ubuntu-20.04', '+    runs-on: ubuntu-22.04'])],
    ],
    ['tests only', 'test', [makeDiff('src/__tests__/render.spec.ts', ["+  it('renders nothing', () => {", '+  })'])]],
    [
      'snapshot and test',
      'test',
      [makeDiff('test/__snapshots__/a.snap', ['-a', '+b']), makeDiff('test/a.test.ts', ['-x', '+y'])],
    ],
    ['dependency bump', 'chore', [makeDiff('package.json', ['-    "vite": "^5.0.1",', '+    "vite": "^5.0.2",'])]],
    ['lockfile only', 'chore', [makeDiff('pnpm-lock.yaml', ["-  'vite@5.0.1':", "+  'vite@5.0.2':"])]],
    ['new exported functions', 'feat', newFeature],
    ['small guard', 'fix', [guardFix]],
    [
      'pure rename',
      'refactor',
      [makeDiff('src/helpers.ts', [], { status: 'renamed', oldPath: 'src/utils.ts', similarity: 100 })],
    ],
    [
      'whitespace only',
      'style',
      [makeDiff('src/a.ts', ['-function a(x){return x}', '+function a(x) {', '+  return x', '+}'])],
    ],
    [
      'comments only',
      'docs',
      [makeDiff('src/a.ts', ['+/**', '+ * Parses the config.', '+ */', ' export function parse() {'])],
    ],
    [
      'speed in comments',
      'perf',
      [
        makeDiff('src/a.ts', [
          ' function lookup(key) {',
          '+  // cache results so repeated lookups avoid unnecessary work',
          '+  const hit = cache.get(key)',
          '+  if (hit) return hit',
        ]),
      ],
    ],
    ['build config', 'build', [makeDiff('rollup.config.js', ['-  output: "dist"', '+  output: "lib"'])]],
  ])('%s -> %s', (_label, expected, files) => {
    expect(typeOf(files)).toBe(expected);
  });
});

describe('type inference from the repository history', () => {
  it('follows how this repository labels dependency updates', () => {
    const history = [
      'build(deps-dev): bump rollup from 1.0.0 to 1.0.1',
      'build(deps-dev): bump jest from 2.0.0 to 2.1.0',
      'feat: x',
    ];
    expect(
      typeOf([makeDiff('yarn.lock', [' vite@^5.0.1:', '-  version "5.0.1"', '+  version "5.0.2"'])], history),
    ).toBe('build');
  });

  it('follows how this repository labels readme edits', () => {
    const history = ['chore: update readme', 'fix: a', 'chore: readme typo', 'chore: tweak README badges'];
    expect(typeOf([makeDiff('README.md', ['-Old', '+New'])], history)).toBe('chore');
  });

  it('lets the history of the changed files tip an ambiguous change', () => {
    const file = makeDiff('scripts/release.js', [
      ' function publish() {',
      "-  run('npm publish')",
      "+  run('npm publish --tag next')",
    ]);
    const fileHistory = {
      'scripts/release.js': ['build: release with provenance', 'build: adjust release tag', 'build: fix publish step'],
    };
    expect(typeOf([file], [], fileHistory)).toBe('build');
    const fixHistory = { 'scripts/release.js': ['fix: a', 'fix: b', 'fix: c'] };
    expect(typeOf([file], [], fixHistory)).toBe('fix');
  });

  it('reads a typo fix the way the repository types typo fixes', () => {
    const typo = makeDiff('src/a.ts', ['-  // the efect is registred here', '+  // the effect is registered here']);
    const choreTypos = [
      'chore: fix typo',
      'chore: fix typos in comments',
      'fix: real bug',
      'chore: typo',
      'chore: fix typo in jsdoc',
    ];
    expect(typeOf([typo], choreTypos)).toBe('chore');
    expect(typeOf([typo], ['docs: fix typo', 'docs: fix typo in readme'])).toBe('docs');
  });

  it("does not let a new repository's one commit decide the type", () => {
    const edit = [
      makeDiff('src/total.ts', ['-  const total = items.length', '+  const total = items.filter(Boolean).length']),
    ];
    expect(typeOf(edit)).toBe('fix');
    expect(typeOf(edit, ['chore: init'])).toBe('fix');
    expect(typeOf(newFeature, ['chore: init'])).toBe('feat');
    // An established habit of the same file still counts.
    expect(typeOf(edit, [], { 'src/total.ts': Array.from({ length: 8 }, (_, i) => `chore: tidy ${i}`) })).toBe('chore');
  });
});
