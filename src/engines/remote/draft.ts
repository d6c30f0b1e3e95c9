// The message as the provider streams it: the plain text received so far, from its first header line on (a preamble
// or a code fence left out once the header has come), given out as sanitised text deltas. A draft only: the message
// committed is the validated, repaired one, which the view shows whole once it is there.
import type { ProgressListener } from '../../pipeline/progress.js';
import { sanitizeText } from '../../security/sanitize.js';
import { draftOfText } from './plain-message.js';

/** The text a partial plain-text answer reads as so far ('' for anything but text). */
export function draftText(partial: unknown, withBody: boolean): string {
  return typeof partial === 'string' ? draftOfText(partial, withBody) : '';
}

/**
 * A listener for the partial answers of one streamed request, sending `text` progress events: the growth of the
 * sanitised draft, or the whole draft with `restart` when it changed otherwise (a retry, a preamble dropped).
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
