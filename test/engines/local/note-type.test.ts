import { describe, expect, it } from 'vitest';
import { describeFile } from '../../../src/engines/local/changes.js';
import { readChangesets } from '../../../src/engines/local/changeset.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { noteTypes } from '../../../src/engines/local/note-type.js';
import { addedFile, makeDiff } from './make-diff.js';

const note = (path: string, entry: string, summary: string) =>
  readChangesets([describeFile(addedFile(path, ['---', entry, '---', '', summary]))]);

describe('the type a release note names', () => {
  it.each([
    ['.changes/fix-window.md', '"tauri": patch:bug', 'Exit with code 1 on panic.', { kind: 'fix', name: 'fix' }],
    ['.changes/x.md', '"tauri": minor:feat', 'Add `Window::focus`.', { kind: 'feat', summary: 'feat' }],
    [
      '.changeset/brave-dogs.md',
      "'@pnpm/core': patch",
      'Fixed a crash when the lockfile is empty.',
      { summary: 'fix' },
    ],
    ['.changeset/calm-cats.md', "'@pnpm/core': minor", 'Added a `--filter` option.', { summary: 'feat' }],
    ['.changes/refactor-zip.md', '"tauri": patch', 'Disabled the default features.', { name: 'refactor' }],
    ['.changeset/odd-owls.md', "'a': patch", 'No longer prints the banner twice.', { summary: 'fix' }],
    ['.changeset/odd-owls.md', "'a': patch", 'The banner is shorter.', {}],
  ])('%s (%s): %s', (path, entry, summary, expected) => {
    expect(noteTypes(note(path, entry, summary))).toEqual(expected);
  });

  it('is nothing without a note', () => {
    expect(noteTypes(undefined)).toEqual({});
  });

  it('turns a source change with a bug note into a fix, and with a feature note into a feat', () => {
    const source = makeDiff('crates/core/src/window.rs', [
      ' pub fn focus(&self) {',
      '+    let handle = self.handle();',
      '     self.inner.focus()',
    ]);
    const typed = (entry: string, summary: string) =>
      generateLocalMessage({
        files: [source, addedFile('.changes/window.md', ['---', entry, '---', '', summary])],
        maxLength: 72,
        body: false,
      }).type;
    expect(typed('"core": patch:bug', 'Focus the window once.')).toBe('fix');
    expect(typed('"core": minor:feat', 'Add a focus event.')).toBe('feat');
  });
});
