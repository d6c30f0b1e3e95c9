import { describe, expect, it } from 'vitest';
import { applyTicket } from '../../../src/rules/tickets/apply.js';
import { DEFAULT_TICKET_FORM, detectTicketForm } from '../../../src/rules/tickets/history.js';
import { parseMessage, renderMessage } from '../../../src/rules/message-parts.js';

const MESSAGE = 'feat(auth): add the login page\n\nA form and a session.';

describe('detectTicketForm and applyTicket', () => {
  it.each([
    [
      'a prefix',
      ['PROJ-12: feat: add a thing', 'PROJ-9: fix: crash', 'chore: tidy'],
      { id: 'PROJ-123', kind: 'key' },
      'PROJ-123: feat(auth): add the login page\n\nA form and a session.',
    ],
    [
      'a bracketed prefix',
      ['[PROJ-12] add a thing', '[PROJ-9] fix a crash'],
      { id: 'PROJ-123', kind: 'key' },
      '[PROJ-123] feat(auth): add the login page\n\nA form and a session.',
    ],
    [
      'a suffix',
      ['feat: add a thing (#12)', 'fix: crash (#9)', 'docs: x'],
      { id: '456', kind: 'number' },
      'feat(auth): add the login page (#456)\n\nA form and a session.',
    ],
    [
      'a trailer',
      ['feat: add a thing\n\nbody\n\nRefs: PROJ-12', 'fix: crash\n\nRefs: PROJ-3'],
      { id: 'PROJ-123', kind: 'key' },
      'feat(auth): add the login page\n\nA form and a session.\n\nRefs: PROJ-123',
    ],
    [
      'a closing trailer with #',
      ['fix: crash\n\nCloses #3', 'feat: x\n\nCloses #4'],
      { id: '78', kind: 'number' },
      'feat(auth): add the login page\n\nA form and a session.\n\nCloses #78',
    ],
    [
      'a scope',
      ['feat(PROJ-12): add a thing', 'fix(PROJ-9): crash'],
      { id: 'PROJ-123', kind: 'key' },
      'feat(PROJ-123): add the login page\n\nA form and a session.',
    ],
  ] as const)('the history writes %s: the message does too', (_name, history, ticket, expected) => {
    const form = detectTicketForm(history);
    expect(form).toBeDefined();
    expect(renderMessage(applyTicket(parseMessage(MESSAGE), ticket, form!))).toBe(expected);
  });

  it('finds no form in a history without references, and the default is a Refs trailer', () => {
    expect(detectTicketForm(['feat: add a thing', 'fix: crash'])).toBeUndefined();
    expect(
      renderMessage(
        applyTicket(parseMessage('fix: stop the crash'), { id: '456', kind: 'number' }, DEFAULT_TICKET_FORM),
      ),
    ).toBe('fix: stop the crash\n\nRefs: #456');
  });

  it('takes the most common form', () => {
    expect(detectTicketForm(['a (#1)', 'b (#2)', 'PROJ-3: c'])?.kind).toBe('suffix');
  });

  it('leaves a message that already names the ticket alone', () => {
    const parts = parseMessage('fix: stop the crash in PROJ-123 login');
    expect(applyTicket(parts, { id: 'PROJ-123', kind: 'key' }, DEFAULT_TICKET_FORM)).toBe(parts);
  });
});
