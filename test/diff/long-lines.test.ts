// Lines longer than any budget: their head kept, the rest counted and said.
import { describe, expect, it } from 'vitest';
import { cutLength, cutLine, markCut } from '../../src/diff/long-lines.js';

describe('cutLine', () => {
  it('keeps a line within the limit as it is', () => {
    expect(cutLine('+short line', 100)).toBe('+short line');
    expect(cutLength('+short line')).toBe(0);
  });

  it('keeps the head and says how much was cut', () => {
    const line = `+${'a '.repeat(5000)}`;
    const cut = cutLine(line, 101);
    expect(cut.startsWith(line.slice(0, 100))).toBe(true);
    expect(cut).toMatch(/ \[git-ai: line cut, \d+ more characters\]$/);
    expect(cut.length - cut.indexOf(' [git-ai')).toBeLessThan(60);
    expect(cutLength(cut) + cut.indexOf(' [git-ai')).toBe(line.length);
  });

  it('ends the head between words, so no key or token is half sent', () => {
    const line = `+const key = "${'k'.repeat(40)}" + "${'x'.repeat(40)}";`;
    const limit = line.indexOf('x') + 10; // inside the second string
    const cut = cutLine(line, limit);
    const head = cut.slice(0, cut.indexOf(' [git-ai'));
    expect(head).toBe(line.slice(0, line.indexOf('x')));
    expect(head.length + cutLength(cut)).toBe(line.length);
  });

  it('cuts inside a word that runs past the boundary window', () => {
    const line = `+${'z'.repeat(1000)}`;
    const cut = cutLine(line, 500);
    expect(cut.slice(0, cut.indexOf(' [git-ai'))).toBe(line.slice(0, 500));
    expect(cutLength(cut)).toBe(501);
  });

  it('never splits a surrogate pair', () => {
    const line = `+${'😀'.repeat(100)}`;
    const cut = cutLine(line, 10); // 10 units end on the first half of the fifth emoji
    const head = cut.slice(0, cut.indexOf(' [git-ai'));
    expect(head).toBe(`+${'😀'.repeat(4)}`);
    expect(head.length + cutLength(cut)).toBe(line.length);
  });

  it('adds to the count when a cut line is cut again', () => {
    const once = markCut(`+${'y '.repeat(200)}`, 1_000_000);
    const twice = cutLine(once, 101);
    expect(twice.slice(0, twice.indexOf(' [git-ai'))).toBe(once.slice(0, 101));
    expect(cutLength(twice)).toBe(1_000_000 + 401 - 101);
    expect(cutLine(twice, 101)).toBe(twice);
  });
});
