import { describe, expect, it } from 'vitest';
import { describeFile } from '../../../src/engines/local/changes.js';
import { readChangesets } from '../../../src/engines/local/changeset.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { addedFile, makeDiff } from './make-diff.js';

const covector = addedFile('.changes/fix-capability.md', [
  '---',
  '"tauri-utils": patch:bug',
  '"tauri": patch:bug',
  '---',
  '',
  'Fixes the `ToTokens` implementation for `Capability`. More text.',
]);
const changeset = addedFile('.changeset/brave-dogs.md', [
  '---',
  "'@pnpm/core': minor",
  '---',
  '',
  'Add a `--filter` option to `pnpm list`.',
]);

describe('release notes written with the change', () => {
  it('reads the bump, its tag, the packages and the first sentence', () => {
    expect(readChangesets([describeFile(covector)])).toEqual({
      bump: 'patch',
      kind: 'bug',
      packages: ['tauri-utils', 'tauri'],
      summary: 'Fixes the `ToTokens` implementation for `Capability`',
      name: 'fix-capability',
    });
    expect(readChangesets([describeFile(changeset)])).toMatchObject({ bump: 'minor', packages: ['@pnpm/core'] });
  });

  it('ignores notes that are only edited, and markdown elsewhere', () => {
    expect(readChangesets([describeFile(makeDiff('.changeset/a.md', ['-x', '+y']))])).toBeUndefined();
    expect(readChangesets([describeFile(addedFile('docs/a.md', ['---', 'title: x', '---', 'Text.']))])).toBeUndefined();
  });

  it('lets a minor note tip a source change to feat', () => {
    const source = makeDiff('packages/core/src/list.ts', [
      ' export function list(options) {',
      '+  const filter = options.filter',
      '   return run()',
    ]);
    expect(generateLocalMessage({ files: [source, changeset], maxLength: 72, body: false }).type).toBe('feat');
  });
});
