import { describe, expect, it } from 'vitest';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { isPublicEntry } from '../../../src/engines/local/breaking.js';
import { makeDiff } from './make-diff.js';

const removal = makeDiff('src/index.ts', [
  " export { parse } from './parse.js'",
  "-export { render } from './render.js'",
]);
const marks = ['feat!: drop node 16', 'fix: a', 'feat: b'];

describe('breaking changes', () => {
  it.each([
    ['src/index.ts', true],
    ['index.js', true],
    ['packages/core/src/index.ts', true],
    ['crates/tauri/src/lib.rs', true],
    ['polars/__init__.py', true],
    ['src/components/index.ts', false],
    ['src/render.ts', false],
  ])('%s is a public entry point: %s', (path, expected) => {
    expect(isPublicEntry(path)).toBe(expected);
  });

  it('marks exports removed from a public entry point, where the repository marks breaking changes', () => {
    expect(generateLocalMessage({ files: [removal], history: marks, maxLength: 72, body: false }).breaking).toBe(true);
    expect(
      generateLocalMessage({ files: [removal], history: ['feat: b', 'fix: a'], maxLength: 72, body: false }).breaking,
    ).toBe(false);
  });

  it('does not mark additions or removals elsewhere', () => {
    const added = makeDiff('src/index.ts', ["+export { render } from './render.js'"]);
    const internal = makeDiff('src/render.ts', ['-export function render() {}']);
    for (const file of [added, internal])
      expect(generateLocalMessage({ files: [file], history: marks, maxLength: 72, body: false }).breaking).toBe(false);
  });

  it('marks the removal of code marked deprecated, not a deprecation added or moved', () => {
    const removed = makeDiff('src/source-code.js', [
      '-  /** @deprecated use getAllComments() */',
      '-  getComments(node) {',
      '-    return this.comments(node);',
      '-  }',
    ]);
    const pyRemoved = makeDiff('py-polars/polars/io/database.py', [
      '-        issue_deprecation_warning("the pyxlsb engine is deprecated", version="0.20.0")',
      '-        return read_pyxlsb(source)',
    ]);
    const added = makeDiff('src/source-code.js', [
      '+  /** @deprecated use getAllComments() */',
      '+  getComments(node) {}',
    ]);
    const moved = makeDiff('src/source-code.js', [
      '-  /** @deprecated use getAllComments() */',
      '+  /** @deprecated since v9, use getAllComments() */',
    ]);
    const breaking = (file: typeof removed, history = marks) =>
      generateLocalMessage({ files: [file], history, maxLength: 72, body: false }).breaking;
    expect(breaking(removed)).toBe(true);
    expect(breaking(pyRemoved)).toBe(true);
    expect(breaking(removed, ['feat: b', 'fix: a'])).toBe(false);
    expect(breaking(added)).toBe(false);
    expect(breaking(moved)).toBe(false);
  });

  it('marks code changed together with a migration guide, but not a release note about migration code', () => {
    const code = makeDiff('lib/rules/no-unused-vars.js', ['-  caughtErrors: "none",', '+  caughtErrors: "all",']);
    const breakingOf = (files: ReturnType<typeof makeDiff>[]) =>
      generateLocalMessage({ files, history: marks, maxLength: 72, body: false }).breaking;
    const guide = makeDiff('docs/src/use/migrate-to-9.0.0.md', ['+## caughtErrors defaults to "all"']);
    expect(breakingOf([code, guide])).toBe(true);
    expect(breakingOf([code, makeDiff('MIGRATION.md', ['+## v3'])])).toBe(true);
    expect(breakingOf([guide])).toBe(false);
    expect(breakingOf([code, makeDiff('.changes/cli-migrate-utf8.md', ['+Tolerate non-UTF-8 in migration.'])])).toBe(
      false,
    );
    expect(
      generateLocalMessage({ files: [code, guide], history: ['feat: a', 'fix: b'], maxLength: 72, body: false })
        .breaking,
    ).toBe(false);
  });
});
