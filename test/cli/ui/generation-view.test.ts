// The terminal view of a generation: the spinner, then the streamed text, erased at the end (the final message is shown whole).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startGenerationView } from '../../../src/cli/ui/generation-view.js';

function terminal() {
  const stream = Object.assign(new PassThrough(), { columns: 20 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return { stream, written: () => written };
}

describe('startGenerationView', () => {
  it('prints the streamed text as it comes, sanitised, and erases every row of it at the end', () => {
    const { stream, written } = terminal();
    const view = startGenerationView({ stream });
    view.listener({ type: 'text', delta: 'feat: stream' });
    view.listener({ type: 'text', delta: ' the\u001b[2J message\n\nA body line' });
    view.listener({ type: 'text', delta: 'ignored', candidate: 1 });
    const shown = written();
    expect(shown).toContain('feat: stream the message\n\nA body line');
    expect(shown).not.toContain('[2J');
    expect(shown).not.toContain('ignored');
    view.stop();
    // 'feat: stream the message' takes 2 rows at 20 columns, then a blank row and the body: back 3 rows, erase
    expect(written().slice(shown.length)).toBe('\r\u001b[3F\u001b[J');
  });

  it('erases the draft and prints the new text when a retry starts over', () => {
    const { stream, written } = terminal();
    const view = startGenerationView({ stream });
    view.listener({ type: 'text', delta: 'feat: first try' });
    const before = written().length;
    view.listener({ type: 'text', delta: 'fix: second', restart: true });
    expect(written().slice(before)).toBe('\r\u001b[Jfix: second');
    view.stop();
  });
});
