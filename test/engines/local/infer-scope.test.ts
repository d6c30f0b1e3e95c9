import { describe, expect, it } from 'vitest';
import type { FileDiff } from '../../../src/diff/types.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { directoryScope } from '../../../src/engines/local/infer-scope.js';
import { makeDiff } from './make-diff.js';

const fix = (path: string) =>
  makeDiff(path, [' export function render(node) {', '+  if (!node) return', '   mount(node)']);
const scopeOf = (files: FileDiff[], history: string[] = [], fileHistory: Record<string, string[]> = {}) =>
  generateLocalMessage({ files, history, fileHistory, maxLength: 72, body: false }).scope;

const scopedHistory = [
  'fix(runtime-core): avoid double mount',
  'feat(compiler): support new syntax',
  'fix(runtime-core): handle null vnode',
  'fix(reactivity): track array length',
  'feat(runtime-core): add onIdle hook',
  'fix(compiler): keep comments',
];

describe('scope inference', () => {
  it.each([
    [
      'a package the repository names as a scope',
      [fix('packages/runtime-core/src/render.ts')],
      scopedHistory,
      'runtime-core',
    ],
    ['a vocabulary scope matching a file name', [fix('src/reactivity.ts')], scopedHistory, 'reactivity'],
    [
      'the package directory when the vocabulary has no match',
      [fix('packages/router/src/link.ts')],
      scopedHistory,
      'router',
    ],
    [
      'no scope when the repository does not use scopes',
      [fix('packages/runtime-core/src/render.ts')],
      ['fix: a', 'feat: b', 'fix: c', 'chore: d'],
      undefined,
    ],
    ['no scope for a repository-wide change', [fix('src/a.ts'), fix('lib/b.ts')], scopedHistory, undefined],
  ])('uses %s', (_label, files, history, expected) => {
    expect(scopeOf(files, history)).toBe(expected);
  });

  it('takes the scope these very files were committed under', () => {
    const fileHistory = {
      'src/engine/render.ts': [
        'fix(renderer): keep order',
        'feat(renderer): stream output',
        'fix(renderer): escape text',
      ],
    };
    expect(scopeOf([fix('src/engine/render.ts')], scopedHistory, fileHistory)).toBe('renderer');
  });

  it('prefers the more specific file-level scope over the package', () => {
    const history = [...scopedHistory, 'fix(suspense): resolve once', 'fix(suspense): keep fallback'];
    expect(scopeOf([fix('packages/runtime-core/src/components/Suspense.ts')], history)).toBe('suspense');
  });

  it('uses a types scope for type-only changes when the repository has one', () => {
    const history = [...scopedHistory, 'fix(types): widen Props', 'feat(types): export Slot types'];
    const typeOnly = makeDiff('packages/runtime-core/src/props.ts', [
      ' export interface Props {',
      '-  value: string',
      '+  value?: string | number',
      ' }',
    ]);
    expect(scopeOf([typeOnly], history)).toBe('types');
  });

  it('matches a scope of several parts to consecutive directories', () => {
    const history = [
      'fix(material/input): keep value',
      'fix(cdk/input): focus once',
      'feat(material/select): add panel width',
      'fix(input): an older spelling',
    ];
    expect(scopeOf([fix('src/material/input/input.ts')], history)).toBe('material/input');
    expect(scopeOf([fix('src/cdk/input/input.ts')], history)).toBe('cdk/input');
  });

  it('names the language of the code where the repository scopes by language', () => {
    const history = [
      'fix(rust): keep the null count of a sliced array',
      'feat(python): add a streaming reader',
      'fix(rust, python): keep the schema of an empty frame',
      'perf(rust): avoid a copy in the group-by',
      'fix(python): raise on a bad path',
      'docs(python): explain the lazy reader',
    ];
    const python = makeDiff('py-polars/polars/io/csv.py', [
      ' def read_csv(path):',
      '+    if path is None:',
      '+        raise ValueError("path")',
    ]);
    expect(scopeOf([fix('crates/polars-core/src/frame.rs')], history)).toBe('rust');
    expect(scopeOf([python], history)).toBe('python');
    expect(scopeOf([fix('crates/polars-core/src/frame.rs'), python], history)).toBe('rust, python');
  });

  it('ignores the dependency scopes of these files when no dependency changes', () => {
    const fileHistory = {
      'package.json': ['chore(deps): update x', 'chore(deps): update y', 'chore(deps): update z', 'fix(cli): flag'],
    };
    const edit = makeDiff('package.json', ['-  "main": "index.js",', '+  "main": "lib/index.js",']);
    expect(scopeOf([edit], scopedHistory, fileHistory)).not.toBe('deps');
  });

  it('labels dependency updates with the scope the repository uses for them', () => {
    const bump = makeDiff('package.json', ['-    "vite": "^5.0.1",', '+    "vite": "^5.0.2",']);
    expect(scopeOf([bump], ['chore(deps): update dependency x to v2', ...scopedHistory])).toBe('deps');
    expect(scopeOf([bump], ['chore: bump x', 'fix: a', 'feat: b'])).toBeUndefined();
  });
});

describe('directoryScope', () => {
  it.each([
    [['packages/core/src/a.ts', 'packages/core/test/a.test.ts'], 'core'],
    [['apps/web/src/page.tsx'], 'web'],
    [['src/parser/a.ts', 'src/parser/b.ts'], 'parser'],
    [['crates/diff/src/lib.rs'], 'diff'],
    [['packages/a/x.ts', 'packages/b/y.ts'], undefined],
    [['src/a.ts'], undefined],
    [['lib/x.rb'], undefined],
    [['cli/default-reporter/src/index.ts', 'cli/default-reporter/test/index.ts'], 'default-reporter'],
    [['.changeset/quiet-owls.md', 'cli/default-reporter/src/index.ts', 'pnpm-lock.yaml'], 'default-reporter'],
    [['.github/workflows/ci.yml'], undefined],
    [['@commitlint/load/src/load.ts', '@commitlint/load/package.json'], 'load'],
    [['@commitlint/config-lerna-scopes/package.json'], 'config-lerna-scopes'],
  ])('%j -> %s', (paths, expected) => {
    expect(directoryScope(new Map(paths.map((path) => [path, 1 / paths.length])))).toBe(expected);
  });
});

describe('scope where the repository scopes some commits', () => {
  // A third of the subjects carry a scope: a scope is written only when one names the changed paths.
  const someScoped = [
    'fix(vercel): a',
    'feat(vercel): b',
    'fix(netlify): c',
    'fix: d',
    'chore: e',
    'fix: f',
    'feat: g',
    'docs: h',
    'fix: i',
  ];

  it('writes the scope that names the changed file', () => {
    expect(scopeOf([fix('src/presets/vercel.ts')], someScoped)).toBe('vercel');
  });

  it('writes none when no scope the repository uses names the change and these files were never scoped', () => {
    const unscopedFiles = { 'src/runtime/app.ts': ['fix: a', 'feat: b', 'fix: c', 'refactor: d'] };
    expect(scopeOf([fix('src/runtime/app.ts')], someScoped, unscopedFiles)).toBeUndefined();
    const scopedFiles = { 'src/runtime/app.ts': ['fix(runtime): a', 'feat(runtime): b', 'fix(runtime): c'] };
    expect(scopeOf([fix('src/runtime/app.ts')], someScoped, scopedFiles)).toBe('runtime');
  });
});

describe('the scope decision, as --debug explains it', () => {
  const explained = (files: FileDiff[], history: string[], fileHistory: Record<string, string[]> = {}) => {
    const lines: string[] = [];
    const message = generateLocalMessage({
      files,
      history,
      fileHistory,
      maxLength: 72,
      body: false,
      explain: (text) => lines.push(text),
    });
    return { scope: message.scope, line: lines.find((text) => text.startsWith('scope ')) };
  };

  it('says which scope it wrote and how likely the authors write one', () => {
    const { scope, line } = explained([fix('packages/runtime-core/src/render.ts')], scopedHistory);
    expect(scope).toBe('runtime-core');
    expect(line).toMatch(/^scope runtime-core: p\(scoped\) 0\.\d\d, p\(right\) 0\.\d\d \(.+\)/);
  });

  it('says why it wrote none, and which scope it would have written', () => {
    const history = ['fix: a', 'feat: b', 'fix: c', 'chore: d', 'fix: e', 'fix(core): f', 'docs: g', 'fix: h'];
    const fileHistory = { 'src/core/render.ts': ['fix: i', 'refactor: j', 'fix: k'] };
    const { scope, line } = explained([fix('src/core/render.ts')], history, fileHistory);
    expect(scope).toBeUndefined();
    expect(line).toMatch(/^scope none \(best core\): p\(scoped\) 0\.\d\d/);
  });

  it('writes none, and says so, where neither the history nor the files carry a scope', () => {
    const { scope, line } = explained([fix('packages/runtime-core/src/render.ts')], ['fix: a', 'feat: b']);
    expect(scope).toBeUndefined();
    expect(line).toBe("scope none: neither the history nor these files' subjects carry a scope");
  });

  it('writes none in a repository that almost never scopes, even where a file was scoped once', () => {
    const history = Array.from({ length: 40 }, (_, index) =>
      index % 8 === 0 ? `build(deps): bump x to 1.${index}.0` : `fix: step ${index}`,
    );
    const fileHistory = { 'patches/squirrel/a.patch': ['fix: a', 'fix(squirrel): b', 'fix: c'] };
    const { scope, line } = explained([fix('patches/squirrel/a.patch')], history, fileHistory);
    expect(scope).toBeUndefined();
    expect(line).toBe('scope none (best squirrel): the history scopes under 3% of its subjects');
  });
});
