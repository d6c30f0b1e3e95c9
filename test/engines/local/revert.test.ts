// The message of a revert in progress: git's own form, or `revert: "..."` where the history writes its reverts so.
import { describe, expect, it } from 'vitest';
import { writeRevertMessage, writesConventionalReverts } from '../../../src/engines/local/revert.js';

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
