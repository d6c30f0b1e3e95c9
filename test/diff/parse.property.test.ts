// Property-based (fast-check): the diff parser never throws on any input, and re-renders exactly the diff it parsed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/diff/parse.js';
import type { FileDiff } from '../../src/diff/types.js';

/** Content of one line: anything but a newline (headers-in-content such as `--- x`, `diff --git`, `@@` included). */
const content = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => text.replace(/\n/g, '')),
  fc.constantFrom(
    '-- x',
    '++ y',
    '--- a/f',
    '+++ b/f',
    'diff --git a/x b/x',
    '@@ -1 +1 @@',
    '\\ No newline at end of file',
    '',
    '\r',
    'x\r',
  ),
);
const op = fc.tuple(fc.constantFrom('+', '-', ' '), content).map(([prefix, text]) => `${prefix}${text}`);
const hunkModel = fc.record({
  oldStart: fc.integer({ min: 1, max: 5000 }),
  newStart: fc.integer({ min: 1, max: 5000 }),
  section: fc.stringMatching(/^[A-Za-z0-9_ (){}]{0,20}$/).map((text) => text.trim()),
  lines: fc.array(op, { minLength: 1, maxLength: 12 }),
});
const path = fc.stringMatching(/^[a-z0-9_-]{1,8}(?:\/[a-z0-9_.-]{1,8}){0,3}$/).filter((p) => !p.endsWith('.'));
const fileModel = fc.record({ path, hunks: fc.array(hunkModel, { minLength: 1, maxLength: 4 }) });

function renderHunk(hunk: { oldStart: number; newStart: number; section: string; lines: string[] }): string[] {
  const oldLines = hunk.lines.filter((line) => line[0] !== '+').length;
  const newLines = hunk.lines.filter((line) => line[0] !== '-').length;
  const header = `@@ -${hunk.oldStart},${oldLines} +${hunk.newStart},${newLines} @@${hunk.section ? ` ${hunk.section}` : ''}`;
  return [header, ...hunk.lines];
}

/** A modified file's diff as git writes it, from the model or from what the parser returned. */
function render(
  files: ReadonlyArray<{
    path: string;
    hunks: ReadonlyArray<{ header?: string; oldStart: number; newStart: number; section: string; lines: string[] }>;
  }>,
): string {
  return files
    .flatMap((file) => [
      `diff --git a/${file.path} b/${file.path}`,
      'index 1111111..2222222 100644',
      `--- a/${file.path}`,
      `+++ b/${file.path}`,
      ...file.hunks.flatMap((hunk) => (hunk.header === undefined ? renderHunk(hunk) : [hunk.header, ...hunk.lines])),
    ])
    .join('\n');
}

describe('parseUnifiedDiff (fast-check)', () => {
  it('never throws, whatever the lines', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            content,
            op,
            fc.constantFrom(
              'diff --git a/x b/x',
              '@@ -1,2 +1,2 @@',
              '@@ -0,0 +1 @@',
              '--- a/x',
              '+++ b/x',
              'new file mode 100644',
              'Binary files a/x and b/x differ',
            ),
          ),
          { maxLength: 60 },
        ),
        (lines) => {
          const files = parseUnifiedDiff(lines.join('\n'));
          for (const file of files) {
            expect(file.additions).toBeGreaterThanOrEqual(0);
            expect(file.deletions).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('re-renders exactly the diff it parsed: paths, hunk headers, every body line and the counts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fileModel, { selector: (file) => file.path, minLength: 1, maxLength: 5 }), (model) => {
        const text = render(model);
        const parsed: FileDiff[] = parseUnifiedDiff(text);
        expect(parsed.map((file) => file.path)).toEqual(model.map((file) => file.path));
        expect(render(parsed)).toBe(text);
        parsed.forEach((file, index) => {
          const lines = model[index]!.hunks.flatMap((hunk) => hunk.lines);
          expect(file.additions).toBe(lines.filter((line) => line[0] === '+').length);
          expect(file.deletions).toBe(lines.filter((line) => line[0] === '-').length);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
