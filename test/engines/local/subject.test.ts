import { describe, expect, it } from 'vitest';
import type { FileDiff } from '../../../src/diff/types.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { formatCommitMessage } from '../../../src/engines/message.js';
import { addedFile, makeDiff } from './make-diff.js';

const subjectOf = (files: FileDiff[], maxLength = 72, history: string[] = []) =>
  generateLocalMessage({ files, history, maxLength, body: false }).subject;

describe('subject wording', () => {
  it.each([
    [
      'add parseConfig',
      [
        addedFile('src/config.ts', [
          'export function parseConfig(text: string) {',
          '  return JSON.parse(text)',
          '}',
          'export function loadDefaults() {',
          '  return {}',
          '}',
        ]),
      ],
    ],
    [
      'remove deprecated useFoo',
      [
        makeDiff('src/hooks.ts', [
          ' import { ref } from "vue"',
          '-/** @deprecated use useBar */',
          '-export function useFoo() {',
          '-  return ref(0)',
          '-}',
        ]),
      ],
    ],
    [
      'rename utils to helpers',
      [makeDiff('src/helpers.ts', [], { status: 'renamed', oldPath: 'src/utils.ts', similarity: 100 })],
    ],
    [
      'move parse to src/diff',
      [makeDiff('src/diff/parse.ts', [], { status: 'renamed', oldPath: 'src/parse.ts', similarity: 100 })],
    ],
    ['bump vite to 5.0.2', [makeDiff('package.json', ['-    "vite": "^5.0.1",', '+    "vite": "^5.0.2",'])]],
    [
      'bump a to 1.1.0 and 3 other dependencies',
      [
        makeDiff('package.json', [
          '-    "a": "^1.0.0",',
          '+    "a": "^1.1.0",',
          '-    "b": "^2.0.0",',
          '+    "b": "^2.1.0",',
          '-    "c": "^3.0.0",',
          '+    "c": "^3.1.0",',
          '-    "d": "^4.0.0",',
          '+    "d": "^4.1.0",',
        ]),
      ],
    ],
    ['add zod', [makeDiff('package.json', ['     "vite": "^5.0.1",', '+    "zod": "^4.0.0",'])]],
    [
      'add tests for render',
      [
        makeDiff('src/__tests__/render.spec.ts', [
          "+  it('renders nothing', () => {",
          '+    expect(render()).toBe("")',
          '+  })',
        ]),
      ],
    ],
    [
      'update tests for render',
      [makeDiff('src/__tests__/render.spec.ts', ['-    expect(render()).toBe(1)', '+    expect(render()).toBe(2)'])],
    ],
    ['update snapshots', [makeDiff('src/__tests__/__snapshots__/render.spec.ts.snap', ['-a', '+b'])]],
    ['update README', [makeDiff('README.md', ['-Install with npm.', '+Install with pnpm.'])]],
    ['add Configuration section to README', [makeDiff('README.md', ['+## Configuration', '+', '+Set `maxLength`.'])]],
    [
      'update release workflow',
      [makeDiff('.github/workflows/release.yml', ['-    node-version: 18', '+    node-version: 20'])],
    ],
    ['add lint workflow', [addedFile('.github/workflows/lint.yml', ['on: push'])]],
    [
      'handle missing slots in renderSlot',
      [
        makeDiff('src/render.ts', [
          ' export function renderSlot(slots: Slots, name: string) {',
          '+  if (!slots) return',
          '   const slot = slots[name]',
        ]),
      ],
    ],
    [
      'handle empty items in renderList',
      [
        makeDiff('src/list.ts', [
          ' export function renderList(items: Item[]) {',
          '+  if (!items.length) return []',
          '   return items.map(render)',
        ]),
      ],
    ],
    [
      'correct boundary check in paginate',
      [
        makeDiff('src/page.ts', [
          ' export function paginate(items, size) {',
          '-  for (let i = 0; i <= items.length; i += size) {',
          '+  for (let i = 0; i < items.length; i += size) {',
        ]),
      ],
    ],
    [
      'correct inverted condition in isHidden',
      [
        makeDiff('src/view.ts', [
          ' export function isHidden(el) {',
          '-  if (el.visible) return true',
          '+  if (!el.visible) return true',
        ]),
      ],
    ],
    [
      'add missing await in save',
      [makeDiff('src/store.ts', [' export async function save(doc) {', '-  db.write(doc)', '+  await db.write(doc)'])],
    ],
    [
      'handle errors in readConfig',
      [
        makeDiff('src/config.ts', [
          ' export function readConfig(path) {',
          '+  try {',
          '     return parse(read(path))',
          '+  } catch {',
          '+    return {}',
          '+  }',
        ]),
      ],
    ],
    [
      'handle missing Body in handle',
      [
        makeDiff('server.go', [
          ' func (s *Server) handle(w http.ResponseWriter, r *http.Request) {',
          '+\tif r.Body == nil {',
          '+\t\treturn',
          '+\t}',
        ]),
      ],
    ],
    [
      'format render',
      [makeDiff('src/render.ts', ['-function a(x){return x}', '+function a(x) {', '+  return x', '+}'])],
    ],
    [
      'bump actions/setup-node to v4',
      [
        makeDiff('.github/workflows/ci.yml', [
          '-      - uses: actions/setup-node@v3',
          '+      - uses: actions/setup-node@v4',
        ]),
      ],
    ],
  ])('%s', (expected, files) => {
    expect(subjectOf(files)).toBe(expected);
  });

  it('names the function the change sits in, from the hunk section', () => {
    const file = makeDiff('src/mount.ts', [], {
      hunks: [
        {
          section: 'export function mountComponent(vnode: VNode) {',
          lines: [
            '   const el = create(vnode)',
            '-  insert(el, parent)',
            '+  insert(el, parent, anchor)',
            '   return el',
          ],
        },
      ],
    });
    expect(subjectOf([file])).toBe('correct mountComponent');
  });

  it('never falls back to a bare file name when symbols tell more', () => {
    const file = makeDiff('src/utils.ts', [
      ' export function toArray(value) {',
      '-  return [value]',
      '+  return Array.isArray(value) ? value : [value]',
      ' }',
    ]);
    expect(subjectOf([file])).not.toMatch(/utils/);
  });
});

describe('maxLength', () => {
  const many = addedFile(
    'src/api.ts',
    ['createRouter', 'createWebHistory', 'createMemoryHistory', 'useRoute', 'useRouter', 'onBeforeRouteLeave'].map(
      (name) => `export function ${name}() {}`,
    ),
  );

  it.each([30, 40, 50, 72, 100])('keeps the formatted header within %i', (maxLength) => {
    const message = generateLocalMessage({
      files: [many],
      history: ['feat(router): a', 'fix(router): b'],
      maxLength,
      body: true,
    });
    for (const style of ['conventional', 'gitmoji', 'plain'] as const) {
      const header = formatCommitMessage(message, { style, maxLength }).split('\n')[0] ?? '';
      expect([...header].length).toBeLessThanOrEqual(maxLength);
    }
    expect(message.subject.length).toBeLessThanOrEqual(maxLength);
  });

  it('names one thing, never a list of names', () => {
    expect(subjectOf([many], 72)).toBe('add createRouter');
    expect(subjectOf([many], 40)).toBe('add createRouter');
  });
});
