// The message of a revert in progress: git's own form, or `revert: "..."` where the history writes its reverts so.
import { describe, expect, it } from 'vitest';
import { describeFile } from '../../../src/engines/local/changes.js';
import { undoEvidence, writeRevertMessage, writesConventionalReverts } from '../../../src/engines/local/revert.js';
import { makeDiff } from './make-diff.js';

const reverted = { commit: 'a'.repeat(40), subject: 'feat(cart): add applyDiscount' };

describe('writeRevertMessage', () => {
  it("writes git's header and body when the history has no revert of its own", () => {
    const { text, message } = writeRevertMessage(reverted, ['feat: one', 'fix: two']);
    expect(text).toBe(`Revert "feat(cart): add applyDiscount"\n\nThis reverts commit ${'a'.repeat(40)}.`);
    expect(message).toEqual({
      type: 'revert',
      subject: 'feat(cart): add applyDiscount',
      body: `This reverts commit ${'a'.repeat(40)}.`,
      breaking: false,
    });
  });

  it('writes `revert: "..."` where the history writes more of those than git\'s form', () => {
    const history = ['revert: "fix: a"', 'fix: b', 'revert(core): "feat: c"', 'Revert "docs: d"'];
    expect(writesConventionalReverts(history)).toBe(true);
    expect(writeRevertMessage(reverted, history).text.split('\n')[0]).toBe('revert: "feat(cart): add applyDiscount"');
  });

  it("keeps git's form when git's reverts are as many or more", () => {
    expect(writesConventionalReverts(['revert: "fix: a"', 'Revert "fix: b"'])).toBe(false);
    expect(writesConventionalReverts(['reverted the thing', 'fix: revert: not a revert'])).toBe(false);
  });
});

describe('undoEvidence', () => {
  const added = 'feat(cart): add applyDiscount option';
  const history = ['fix: unrelated', added, 'docs: readme'];
  const undo = describeFile(
    makeDiff('src/cart.ts', [
      ' export function total(items) {',
      '-  if (options.applyDiscount) return discounted(items);',
      '-  // applyDiscount halves the price',
      '   return sum(items);',
    ]),
  );

  it("is high when the change takes out what the files' newest, recent commit named", () => {
    expect(undoEvidence([undo], { 'src/cart.ts': [added, 'feat: cart'] }, history)).toBe(1);
  });

  it('is 0 when the named thing comes back, the commit is old, another commit is newest, or more lines come', () => {
    const edit = describeFile(
      makeDiff('src/cart.ts', ['-  if (options.applyDiscount) return a;', '+  if (options.applyDiscount) return b;']),
    );
    expect(undoEvidence([edit], { 'src/cart.ts': [added] }, history)).toBe(0);
    expect(undoEvidence([undo], { 'src/cart.ts': [added] }, [...Array<string>(40).fill('fix: x'), added])).toBe(0);
    expect(undoEvidence([undo], { 'src/cart.ts': ['fix: something else', added] }, history)).toBe(0);
    const grows = describeFile(makeDiff('src/cart.ts', ['-  // applyDiscount', '+  a();', '+  b();']));
    expect(undoEvidence([grows], { 'src/cart.ts': [added] }, history)).toBe(0);
  });

  it('is 0 for a reland or a revert of a revert', () => {
    const relanded = 'Revert "feat(cart): add applyDiscount option"';
    expect(undoEvidence([undo], { 'src/cart.ts': [relanded] }, [relanded])).toBe(0);
  });
});
