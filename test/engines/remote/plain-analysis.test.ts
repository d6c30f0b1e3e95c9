// Reading a part's analysis from the plain lines the prompt asks for, as models write them (and get them wrong).
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../src/diff/prepared.js';
import { readPlainAnalysis } from '../../../src/engines/remote/plain-analysis.js';
import { buildAnalysisPrompt } from '../../../src/engines/remote/prompts.js';
import { ANALYSIS_MAX_FILES, ANALYSIS_MAX_SYMBOLS } from '../../../src/providers/answer-shapes.js';
import { analysisSchema } from '../../../src/providers/schemas.js';

const entry = (path: string): FileEntry => ({
  path,
  status: 'modified',
  binary: false,
  additions: 3,
  deletions: 1,
  category: 'source',
});
const FILES = ['src/upload.ts', 'src/retry.ts', 'test/upload.test.ts', 'docs/upload.md'].map(entry);

describe('readPlainAnalysis', () => {
  it('reads each line as the file of that number, its kind, significance on the 0-9 scale, summary and symbols', () => {
    const answer = [
      '2 | fix | 8 | Retries a failed upload once before reporting it | uploadFile, RetryPolicy',
      '3 | test | 3 | Covers the retry with a failing server |',
    ].join('\n');
    expect(readPlainAnalysis(answer, FILES)).toEqual({
      files: [
        {
          path: 'src/retry.ts',
          kind: 'fix',
          significance: 8 / 9,
          summary: 'Retries a failed upload once before reporting it.',
          symbols: ['uploadFile', 'RetryPolicy'],
        },
        {
          path: 'test/upload.test.ts',
          kind: 'test',
          significance: 3 / 9,
          summary: 'Covers the retry with a failing server.',
          symbols: [],
        },
      ],
    });
  });

  it('takes what a model adds around the lines: a preamble, a header row, a fence, bullets, bold, a path for the number', () => {
    const answer = [
      'Here are the files that matter most:',
      '```',
      'number | kind | significance | summary | symbols',
      '- **1.** | Feat | 0.9 | `Adds` an upload client | `uploadFile`',
      'test/upload.test.ts | test | 2 | Covers the client | none',
      '4. docs/upload.md | docs | 1 | Documents the client',
      '```',
      'Let me know if you need more.',
    ].join('\n');
    const read = readPlainAnalysis(answer, FILES)!;
    expect(read.files.map((file) => [file.path, file.kind, file.symbols])).toEqual([
      ['src/upload.ts', 'feat', ['uploadFile']],
      ['test/upload.test.ts', 'test', []],
      ['docs/upload.md', 'docs', []],
    ]);
    expect(read.files[0]!.significance).toBe(0.9);
  });

  it('leaves out a number or path not in the part, a second line for a file, and lines past the stated most', () => {
    const answer = [
      '7 | feat | 9 | Not in this part',
      'src/other.ts | feat | 9 | Not in this part either',
      '1 | feat | 9 | First',
      '1 | fix | 9 | The same file again',
      '2 | fix | 5 | Second',
      '3 | test | 2 | Third',
      '4 | docs | 1 | Fourth',
    ].join('\n');
    const read = readPlainAnalysis(answer, FILES)!;
    expect(read.files.map((file) => file.summary)).toEqual(
      ['First.', 'Second.', 'Third.', 'Fourth.'].slice(0, ANALYSIS_MAX_FILES),
    );
  });

  it('keeps at most the stated number of symbols, takes an unknown kind as chore and clamps the significance', () => {
    const read = readPlainAnalysis('1 | improvement | 12 | Speeds up uploads | a, b, c, d', FILES)!;
    expect(read.files[0]).toMatchObject({ kind: 'chore', significance: 1 });
    expect(read.files[0]!.symbols).toEqual(['a', 'b', 'c', 'd'].slice(0, ANALYSIS_MAX_SYMBOLS));
  });

  it('is undefined for an answer with no entry (prose, JSON, an empty answer), so it is asked for once more', () => {
    expect(readPlainAnalysis('The upload client now retries.', FILES)).toBeUndefined();
    expect(readPlainAnalysis('{"files":[{"path":"src/upload.ts","summary":"x"}]}', FILES)).toBeUndefined();
    expect(readPlainAnalysis('', FILES)).toBeUndefined();
    expect(readPlainAnalysis('1 | feat | 5 |  ', FILES)).toBeUndefined();
  });

  it('reads what the prompt itself shows as its example, numbered as the prompt numbers the part', () => {
    const chunk = { id: 0, files: FILES, text: '', tokens: 0, allocation: 0, truncated: false, omittedLines: 0 };
    const { system, prompt } = buildAnalysisPrompt({ chunk, listing: '' });
    const example = system.split('\n').at(-1)!;
    expect(prompt).toContain('2. src/retry.ts (modified, +3 -1)');
    const read = readPlainAnalysis(example, FILES)!;
    expect(read.files[0]).toMatchObject({ path: 'src/retry.ts', kind: 'fix' });
    // What is read is what the cache keeps, checked by the schema when it is read back.
    expect(analysisSchema.parse(read)).toEqual(read);
  });
});
