import { describe, expect, it } from 'vitest';
import { mergeTrailers, trailersInMessageFile } from '../../src/rules/trailers.js';
import { parseMessage, renderMessage } from '../../src/rules/message-parts.js';

describe('trailers', () => {
  it("reads the trailers git left in the hook's message file (-s, --trailer), not its comments", () => {
    const file =
      '\n\nSigned-off-by: A <a@example.com>\nCo-authored-by: B <b@example.com>\n# Please enter the commit message\n# Co-authored-by: not a trailer\n';
    expect(trailersInMessageFile(file, '#')).toEqual([
      'Signed-off-by: A <a@example.com>',
      'Co-authored-by: B <b@example.com>',
    ]);
  });

  it('keeps one block: the message its own trailers first, each line once', () => {
    const parts = parseMessage('feat: add x\n\nBody text.\n\nRefs: PROJ-1\nSigned-off-by: A <a@example.com>');
    expect(parts.trailers).toEqual(['Refs: PROJ-1', 'Signed-off-by: A <a@example.com>']);
    const merged = mergeTrailers(parts.trailers, [
      'signed-off-by: A <a@example.com>',
      'Co-authored-by: B <b@example.com>',
    ]);
    expect(renderMessage({ ...parts, trailers: merged })).toBe(
      'feat: add x\n\nBody text.\n\nRefs: PROJ-1\nSigned-off-by: A <a@example.com>\nCo-authored-by: B <b@example.com>',
    );
  });
});
