import { describe, expect, it } from 'vitest';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { addedFile, makeDiff } from './make-diff.js';

const bodyOf = (files: Parameters<typeof generateLocalMessage>[0]['files'], body = true) =>
  generateLocalMessage({ files, maxLength: 72, body }).body;

describe('body', () => {
  it('lists the other notable changes as bullets', () => {
    const files = [
      addedFile('src/config.ts', ['export function parseConfig(text: string) {', '  return JSON.parse(text)', '}']),
      makeDiff('src/__tests__/config.spec.ts', ["+  it('parses', () => {", '+  })']),
      makeDiff('src/helpers.ts', [], { status: 'renamed', oldPath: 'src/utils.ts', similarity: 100 }),
      makeDiff('README.md', ['-a', '+b']),
    ];
    expect(bodyOf(files)).toBe(['- add tests for config', '- update README', '- rename utils.ts to helpers.ts'].join('\n'));
  });

  it('is left out when not asked for or when the subject says it all', () => {
    const single = [makeDiff('src/render.ts', [' export function renderSlot(slots) {', '+  if (!slots) return', ' }'])];
    expect(bodyOf(single, false)).toBeUndefined();
    expect(bodyOf(single)).toBeUndefined();
  });

  it('lists each dependency when the subject only says "update dependencies"', () => {
    const lines = ['a', 'b', 'c', 'd'].flatMap((name) => [`-    "${name}": "^1.0.0",`, `+    "${name}": "^1.1.0",`]);
    const message = generateLocalMessage({ files: [makeDiff('package.json', lines)], maxLength: 72, body: true });
    expect(message.subject).toBe('update dependencies');
    expect(message.body).toBe(['a', 'b', 'c', 'd'].map((name) => `- bump ${name} from 1.0.0 to 1.1.0`).join('\n'));
  });

  it('stays within 6 lines of at most 72 columns', () => {
    const files = Array.from({ length: 12 }, (_, index) =>
      makeDiff(`src/module-with-a-rather-long-name-${index}.ts`, [
        `+export function aVeryLongFunctionNameNumber${index}ThatTakesRoom() {}`,
        `+export function anotherQuiteLongFunctionName${index}() {}`,
      ]),
    );
    const body = bodyOf(files) ?? '';
    const lines = body.split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines.every((line) => line.length <= 72)).toBe(true);
    expect(lines.at(-1)).toMatch(/^- and \d+ more changes$/);
  });
});
