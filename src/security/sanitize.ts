// Text from a model, a file name or a diff, made safe to print or commit: no control characters, no escape sequences.

/*
 * What is removed, whole:
 * - ECMA-48 sequences introduced by ESC or by their C1 form: CSI (`ESC [` / U+009B, e.g. `ESC[2J`, `ESC[8m`
 *   concealed text), and the string sequences OSC (`ESC ]` / U+009D: OSC 0 titles, OSC 8 links, OSC 52
 *   clipboard writes), DCS (`ESC P` / U+0090), SOS (`ESC X` / U+0098), PM (`ESC ^` / U+009E) and APC
 *   (`ESC _` / U+009F) up to their terminator (BEL, `ESC \` or U+009C); an unterminated one up to the end of
 *   its line (or to the escape that cancels it), since a terminal would swallow what follows;
 * - any other escape (`ESC` + intermediates + final byte, e.g. `ESC c`, `ESC 7`), and a lone ESC;
 * - every other C0 control but tab and newline (BEL, backspace, CR, form feed...), DEL and the C1 controls;
 * - the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that reorder what a reader sees.
 * A CRLF line end becomes LF. Nothing else changes: the emoji joiners and variation selectors of gitmoji stay.
 */

const STRING_INTRODUCER = '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])';
const STRING_TERMINATOR = '(?:\\x07|\\x1b\\\\|\\x9c)';
const SEQUENCE = new RegExp(
  [
    // CSI: parameter bytes, intermediate bytes, one final byte.
    '(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]',
    // A string sequence up to its terminator; one that another escape cancels, or that runs unterminated, up to
    // that escape or the end of its line (linear: the body never backtracks).
    `${STRING_INTRODUCER}[^\\x07\\x1b\\x9c\\n]*${STRING_TERMINATOR}?`,
    // Any other escape: intermediates, then a final byte.
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]',
  ].join('|'),
  'g',
);
/** What is left once the sequences are gone: controls but tab and newline, DEL, C1, bidi overrides. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROL = /\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** True when `text` holds nothing `sanitizeText` would remove (the common case, checked without allocating). */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** `text` without control characters and escape sequences; tab and newline are kept, CRLF becomes LF. */
export function sanitizeText(text: string): string {
  if (isSafeText(text)) return text;
  return text.replace(SEQUENCE, '').replace(CONTROL, (match) => (match === '\r\n' ? '\n' : ''));
}

/** For one-line text (a file name in a subject, a label): as `sanitizeText`, and a newline or tab becomes a space. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\t\n]/g, ' ');
}

/** A commit message with every field sanitised: the header's parts on one line, the body's lines kept. */
export function sanitizeMessage<T extends { subject: string; scope?: string; body?: string }>(message: T): T {
  const clean = { ...message, subject: sanitizeLine(message.subject) };
  if (message.scope !== undefined) clean.scope = sanitizeLine(message.scope);
  if (message.body !== undefined) clean.body = sanitizeText(message.body);
  return clean;
}
