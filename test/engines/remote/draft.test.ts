// The streamed draft: the plain text received so far, read as the message a person sees, as sanitised deltas.
import { describe, expect, it } from 'vitest';
import { draftText, streamDraft } from '../../../src/engines/remote/draft.js';
import type { ProgressEvent } from '../../../src/pipeline/progress.js';

function collect(withBody = true) {
  const events: ProgressEvent[] = [];
  return { events, send: streamDraft({ withBody, emit: (event) => events.push(event) }) };
}

describe('draftText', () => {
  it('reads the header, then the body once it is there; the body only when one is wanted', () => {
    expect(draftText('feat: add', true)).toBe('feat: add');
    expect(draftText('feat: add x\n\nBecause.', true)).toBe('feat: add x\n\nBecause.');
    expect(draftText('feat: add x\r\n\r\nBecause.', false)).toBe('feat: add x');
    expect(draftText('fea', true)).toBe('fea');
    expect(draftText(undefined, true)).toBe('');
    expect(draftText({ headers: ['feat: add'] }, true)).toBe('');
  });

  it('leaves out a code fence, and a preamble once the header has come', () => {
    expect(draftText('```', true)).toBe('');
    expect(draftText('```text\nfeat: add x\n\nBecause.\n``', true)).toBe('feat: add x\n\nBecause.');
    expect(draftText('```text\nfeat: add x\n\nBecause.\n```\n', true)).toBe('feat: add x\n\nBecause.');
    expect(draftText('Here is the commit message:', true)).toBe('Here is the commit message:');
    expect(draftText('Here is the commit message:\n\n"feat: add x"', true)).toBe('feat: add x');
  });
});

describe('streamDraft', () => {
  it('sends only what each partial answer adds', () => {
    const { events, send } = collect();
    for (const text of [
      'feat(x): a',
      'feat(x): add str',
      'feat(x): add streaming\n',
      'feat(x): add streaming\n\nIt shows',
    ])
      send(text, 1);
    expect(events).toEqual([
      { type: 'text', delta: 'feat(x): a' },
      { type: 'text', delta: 'dd str' },
      { type: 'text', delta: 'eaming' },
      { type: 'text', delta: '\n\nIt shows' },
    ]);
  });

  it('starts over on a retry, and when the text changed other than by growing', () => {
    const { events, send } = collect();
    send('feat: one', 1);
    send('fix: two', 2);
    send('Sure:\nfix: tw', 2);
    send('Sure:\nfix: two', 2);
    expect(events).toEqual([
      { type: 'text', delta: 'feat: one' },
      { type: 'text', delta: 'fix: two', restart: true },
      { type: 'text', delta: 'fix: tw', restart: true },
      { type: 'text', delta: 'o' },
    ]);
  });

  it('never sends a control character, whole or split across partial answers', () => {
    const { events, send } = collect();
    send('feat: a\u001b', 1);
    send('feat: a\u001b]52;c;ZXZpbA==\u0007b', 1);
    send('feat: a\u001b]52;c;ZXZpbA==\u0007b\n\nx\u009b2Jy', 1);
    const printed = events.map((event) => (event.type === 'text' ? event.delta : '')).join('');
    const controls = [...printed].filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (code < 0x20 && char !== '\n' && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    });
    expect(controls).toEqual([]);
    expect(printed.startsWith('feat: a')).toBe(true);
  });
});
