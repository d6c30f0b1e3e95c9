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
    expect(bodyOf(files)).toBe(
      ['- add tests for config', '- update README', '- rename utils.ts to helpers.ts'].join('\n'),
    );
  });

  it('is left out when not asked for or when the subject says it all', () => {
    const single = [makeDiff('src/render.ts', [' export function renderSlot(slots) {', '+  if (!slots) return', ' }'])];
    expect(bodyOf(single, false)).toBeUndefined();
    expect(bodyOf(single)).toBeUndefined();
  });

  it('lists the dependencies the subject only counts', () => {
    const names = ['vite', 'zod', 'vitest', 'tsup'];
    const lines = names.flatMap((name) => [`-    "${name}": "^1.0.0",`, `+    "${name}": "^1.1.0",`]);
    const message = generateLocalMessage({ files: [makeDiff('package.json', lines)], maxLength: 72, body: true });
    expect(message.subject).toBe('bump vite to 1.1.0 and 3 other dependencies');
    expect(message.body).toBe(['zod', 'vitest', 'tsup'].map((name) => `- bump ${name} from 1.0.0 to 1.1.0`).join('\n'));
  });

  it('keeps at most five bullets of at most 72 columns, none of them empty', () => {
    const files = Array.from({ length: 12 }, (_, index) =>
      makeDiff(`src/module-with-a-rather-long-name-${index}.ts`, [
        `+export function aVeryLongFunctionNameNumber${index}ThatTakesRoom() {}`,
        `+export function anotherQuiteLongFunctionName${index}() {}`,
      ]),
    );
    const lines = (bodyOf(files) ?? '').split('\n');
    const bullets = lines.filter((line) => line.startsWith('- '));
    expect(bullets).toHaveLength(5);
    expect(lines.every((line) => line.length <= 72 && (line.startsWith('- ') || line.startsWith('  ')))).toBe(true);
    expect(bullets.every((line) => line.slice(2).trim().length > 0)).toBe(true);
  });
});
