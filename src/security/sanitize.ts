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
 * - the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that reorder what a reader sees
 *   ("Trojan Source"), and the bidi marks (U+200E, U+200F, U+061C);
 * - invisible format characters that hide text or split a word a reader sees whole: zero-width space (U+200B),
 *   word joiner and invisible operators (U+2060-U+2064), the deprecated format controls (U+206A-U+206F), the
 *   byte-order mark / zero-width no-break space (U+FEFF), interlinear annotation (U+FFF9-U+FFFB), the Mongolian
 *   vowel separator (U+180E), and the Unicode tag characters (U+E0000-U+E007F) that smuggle invisible ASCII, but
 *   in an emoji flag's tag sequence (🏴 then tags, as England's flag is written);
 * - the other default-ignorable characters a renderer draws as nothing: the soft hyphen (U+00AD), the combining
 *   grapheme joiner (U+034F), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: blank "letters" that pass for
 *   an identifier), the Khmer inherent vowels (U+17B4, U+17B5), shorthand format controls (U+1BCA0-U+1BCA3) and the
 *   musical symbol format controls (U+1D173-U+1D17A).
 * A CRLF line end becomes LF, and the Unicode line and paragraph separators (U+2028, U+2029) become LF too. Nothing
 * else changes: the zero-width joiner and non-joiner (U+200D, U+200C: emoji sequences, Persian and Indic script)
 * and the variation selectors of gitmoji stay.
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
/** What is left once the sequences are gone: controls but tab and newline, DEL, C1, bidi controls, invisible format characters. */
const REMOVED =
  '\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\xad\\u061c\\u115f\\u1160\\u180e\\u200b\\u200e\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}';
/** Invisible combining marks (the grapheme joiner, the Khmer inherent vowels), kept out of a class: alone there they
 * would read as joined to the character before them. */
const INVISIBLE_MARKS = '\\u034f|\\u17b4|\\u17b5';
/** A tag character outside an emoji flag's tag sequence (🏴 U+1F3F4, tags U+E0020-U+E007E, cancel tag U+E007F). */
const STRAY_TAG = '(?<!\\u{1f3f4}[\\u{e0020}-\\u{e007e}]*)[\\u{e0000}-\\u{e007f}]';
const CONTROL = new RegExp(`\\r\\n|[${REMOVED}\\u2028\\u2029]|${INVISIBLE_MARKS}|${STRAY_TAG}`, 'gu');
/** Any of it, or a tag character at all (a flag's are checked by CONTROL): the common text has none. */
const UNSAFE = new RegExp(`[${REMOVED}\\u2028\\u2029]|${INVISIBLE_MARKS}|[\\u{e0000}-\\u{e007f}]`, 'u');

/** True when `text` holds nothing `sanitizeText` would remove (the common case, checked without allocating); an emoji
 * flag's tag sequence reads as false here, and `sanitizeText` keeps it. */
export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** `text` without control characters and escape sequences; tab and newline are kept, CRLF becomes LF. */
export function sanitizeText(text: string): string {
  if (isSafeText(text)) return text;
  return text
    .replace(SEQUENCE, '')
    .replace(CONTROL, (match) => (match === '\r\n' || match === '\u2028' || match === '\u2029' ? '\n' : ''));
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
