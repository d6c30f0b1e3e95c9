// The message as the provider streams it: the partial candidates answer (JSON parsed so far) read as the text a
// person would see, its first header line and then its body, given out as sanitised text deltas. A draft only:
// the message committed is the validated, repaired one, which the view shows whole once it is there.
import type { ProgressListener } from '../../pipeline/progress.js';
import { sanitizeText } from '../../security/sanitize.js';

/** The text a partial `{ headers, body }` answer reads as so far. */
export function draftText(partial: unknown, withBody: boolean): string {
  const answer = (typeof partial === 'object' && partial !== null ? partial : {}) as {
    headers?: unknown;
    body?: unknown;
  };
  const header = Array.isArray(answer.headers) && typeof answer.headers[0] === 'string' ? answer.headers[0] : '';
  const body = withBody && typeof answer.body === 'string' ? answer.body.trim() : '';
  if (header.trim() === '') return '';
  return body === '' ? header.trimStart() : `${header.trim()}\n\n${body}`;
}

/**
 * A listener for the partial answers of one streamed request, sending `text` progress events: the growth of the
 * sanitised draft, or the whole draft with `restart` when it changed otherwise (a retry, a header rewritten).
 */
export function streamDraft(options: {
  withBody: boolean;
  emit: ProgressListener;
}): (partial: unknown, attempt: number) => void {
  let shown = '';
  let attemptShown: number | undefined;
  return (partial, attempt) => {
    const text = sanitizeText(draftText(partial, options.withBody));
    const sameAttempt = attemptShown === undefined || attempt === attemptShown;
    attemptShown = attempt;
    if (sameAttempt && text.startsWith(shown)) {
      if (text.length > shown.length) options.emit({ type: 'text', delta: text.slice(shown.length) });
    } else options.emit({ type: 'text', delta: text, restart: true });
    shown = text;
  };
}
