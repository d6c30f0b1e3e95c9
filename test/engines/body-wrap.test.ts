import { describe, expect, it } from 'vitest';
import { wrapBody } from '../../src/engines/body-wrap.js';
import { formatCommitMessage } from '../../src/engines/message.js';

const PROSE = 'It multiplies two numbers and returns the product, rounding nothing. '.repeat(6).trim();
const longest = (text: string): number => Math.max(...text.split('\n').map((line) => [...line].length));

describe('wrapBody', () => {
  it('breaks prose at 72 columns at spaces, keeping every word in order', () => {
    const wrapped = wrapBody(PROSE);
    expect(longest(wrapped)).toBeLessThanOrEqual(72);
    expect(wrapped.split('\n').length).toBeGreaterThan(1);
    expect(wrapped.replace(/\n/g, ' ')).toBe(PROSE);
  });

  it('indents a bullet continuation under its text', () => {
    const wrapped = wrapBody(`- ${PROSE}\n- short`);
    const lines = wrapped.split('\n');
    expect(lines[0]).toMatch(/^- It multiplies/);
    expect(lines.slice(1, -1).every((line) => line.startsWith('  ') && !line.startsWith('   '))).toBe(true);
    expect(lines.at(-1)).toBe('- short');
    expect(longest(wrapped)).toBeLessThanOrEqual(72);
  });

  it('leaves short lines and blank lines as they are', () => {
    const body = 'First line.\n\nSecond paragraph,\nwritten short.\n\n\nAfter two blank lines.';
    expect(wrapBody(body)).toBe(body);
  });

  it('keeps lines with a URL, code and a closing block of trailers whole', () => {
    const url = `See https://example.com/${'a'.repeat(40)} for the ${'whole story '.repeat(4)}`;
    const fenced = `\`\`\`\nconst product = multiply(${'first, '.repeat(12)}last);\n\`\`\``;
    const indented = `    const total = ${'value + '.repeat(10)}value;`;
    const trailers = `Co-authored-by: ${'Someone With A Very Long Name '.repeat(2)}<someone@example.com>\nRefs: #12`;
    const body = [PROSE, url, fenced, indented, trailers].join('\n\n');
    const paragraphs = wrapBody(body).split('\n\n');
    expect(longest(paragraphs[0]!)).toBeLessThanOrEqual(72);
    expect(paragraphs.slice(1)).toEqual([url, fenced, indented, trailers]);
  });

  it("with code: 'wrap' breaks code lines too, never a URL's", () => {
    const indented = `    const total = ${'value + '.repeat(10)}value;`;
    const url = `https://example.com/${'b'.repeat(80)}`;
    const wrapped = wrapBody(`${indented}\n${url}`, 50, { code: 'wrap' });
    expect(wrapped.split('\n').at(-1)).toBe(url);
    expect(longest(wrapped.split('\n').slice(0, -1).join('\n'))).toBeLessThanOrEqual(50);
  });

  it('gives a word longer than the width a line of its own', () => {
    const word = 'x'.repeat(90);
    expect(wrapBody(`before ${word} after`)).toBe(`before\n${word}\nafter`);
  });
});

describe('formatCommitMessage with a long body', () => {
  it("wraps a model's 10 KB one-line body at 72 columns", () => {
    const body = `Adds multiply. ${'It multiplies two numbers. '.repeat(380)}`;
    const text = formatCommitMessage(
      { type: 'feat', scope: 'math', subject: 'add multiply', breaking: false, body },
      { style: 'conventional', maxLength: 72 },
    );
    const [header, blank, ...rest] = text.split('\n');
    expect([header, blank]).toEqual(['feat(math): add multiply', '']);
    expect(rest.length).toBeGreaterThan(100);
    expect(longest(rest.join('\n'))).toBeLessThanOrEqual(72);
    expect(rest.join(' ')).toBe(body.trim());
  });
});
