// The words the type fit's --words measurement reads from a change, on a hand-made diff.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/diff/parse.js';
import { describeFile } from '../../src/engines/local/changes.js';
import { changeWords, wordsOf } from '../../scripts/eval/change-words.js';

const DIFF = `diff --git a/src/cache/readHeader.ts b/src/cache/readHeader.ts
--- a/src/cache/readHeader.ts
+++ b/src/cache/readHeader.ts
@@ -1,4 +1,5 @@
 export function readHeader(raw: string) {
-  return parseHTTPHeader(raw);
+  // skip empty lines
+  if (!raw) return fallbackValue('missing header');
+  return parseHTTPHeader(raw);
 }
`;

describe('wordsOf', () => {
  it('cuts identifiers at case changes and separators, lower-cased, dropping one-letter pieces', () => {
    expect(wordsOf('parseHTTPHeader_v2 = x')).toEqual(['parse', 'http', 'header']);
  });
});

describe('changeWords', () => {
  it('prefixes each word by where it was read, and skips a line removed and added back unchanged', () => {
    const words = changeWords(parseUnifiedDiff(DIFF).map(describeFile));
    expect([...words].sort()).toEqual(
      [
        '"header',
        '"missing',
        '#empty',
        '#lines',
        '#skip',
        '+fallback',
        '+if',
        '+raw',
        '+return',
        '+value',
        '/cache',
        '/src',
      ].sort(),
    );
  });
});

describe('fit-type-weights --words', () => {
  it('refuses --write in one line: the engine reads no word table', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/fit-type-weights.ts', '--words', '--write'], {
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, GIT_AI_EVAL_DATA: '/nonexistent' },
      });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(2);
    expect(failure.stderr?.trim()).toBe(
      'error: --words measures a word table the engine does not read: run it without --write',
    );
  });
});
