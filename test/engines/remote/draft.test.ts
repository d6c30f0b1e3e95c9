// The streamed draft: partial answers read as the message a person sees, as sanitised deltas.
import { describe, expect, it } from 'vitest';
import { draftText, streamDraft } from '../../../src/engines/remote/draft.js';
import type { ProgressEvent } from '../../../src/pipeline/progress.js';

function collect(withBody = true) {
  const events: ProgressEvent[] = [];
  return { events, send: streamDraft({ withBody, emit: (event) => events.push(event) }) };
}

describe('draftText', () => {
  it('reads the first header, then the body once it is there; the body only when one is wanted', () => {
    expect(draftText({ headers: ['feat: add'] }, true)).toBe('feat: add');
    expect(draftText({ headers: ['feat: add x', 'fix: y'], body: 'Because.' }, true)).toBe('feat: add x\n\nBecause.');
    expect(draftText({ headers: ['feat: add x'], body: 'Because.' }, false)).toBe('feat: add x');
    expect(draftText({ body: 'first' }, true)).toBe('');
    expect(draftText(undefined, true)).toBe('');
  });
});

describe('streamDraft', () => {
  it('sends only what each partial answer adds', () => {
    const { events, send } = collect();
    send({ headers: ['feat(x): a'] }, 1);
    send({ headers: ['feat(x): add str'] }, 1);
    send({ headers: ['feat(x): add streaming'], body: null }, 1);
    send({ headers: ['feat(x): add streaming'], body: 'It shows' }, 1);
    expect(events).toEqual([
      { type: 'text', delta: 'feat(x): a' },
      { type: 'text', delta: 'dd str' },
      { type: 'text', delta: 'eaming' },
      { type: 'text', delta: '\n\nIt shows' },
    ]);
  });

  it('starts over on a retry, and when the text changed other than by growing', () => {
    const { events, send } = collect();
    send({ headers: ['feat: one'] }, 1);
    send({ headers: ['fix: two'] }, 2);
    send({ headers: ['fix: tw'] }, 2);
    expect(events).toEqual([
      { type: 'text', delta: 'feat: one' },
      { type: 'text', delta: 'fix: two', restart: true },
      { type: 'text', delta: 'fix: tw', restart: true },
    ]);
  });

  it('never sends a control character, whole or split across partial answers', () => {
    const { events, send } = collect();
    send({ headers: ['feat: a\u001b'] }, 1);
    send({ headers: ['feat: a\u001b]52;c;ZXZpbA==\u0007b'] }, 1);
    send({ headers: ['feat: a\u001b]52;c;ZXZpbA==\u0007b'], body: 'x\u009b2Jy' }, 1);
    const printed = events.map((event) => (event.type === 'text' ? event.delta : '')).join('');
    const controls = [...printed].filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (code < 0x20 && char !== '\n' && char !== '\t') || (code >= 0x7f && code <= 0x9f);
    });
    expect(controls).toEqual([]);
    expect(printed.startsWith('feat: a')).toBe(true);
  });
});
