// The last step of every engine: the message put into the repository's form (its ticket, its trailers, its
// commitlint rules met mechanically), then linted by commitlint itself; what still fails is named, never hidden.
import type { LintOutcome } from '@commitlint/types';
import { conformMessage, type ConformHints } from './conform.js';
import { parseMessage, renderMessage, type MessageParts } from './message-parts.js';
import type { RepositoryRules } from './repository-rules.js';
import { applyTicket } from './tickets/apply.js';
import { DEFAULT_TICKET_FORM } from './tickets/history.js';
import { mergeTrailers } from './trailers.js';

export interface RuledMessage {
  text: string;
  /** commitlint's errors for the text (empty when it passes, or when the repository has no configuration). */
  errors: LintOutcome['errors'];
}

function shape(text: string, rules: RepositoryRules, hints: ConformHints, form = rules.ticket?.form): string {
  let parts: MessageParts = parseMessage(text);
  if (rules.ticket && form) parts = applyTicket(parts, rules.ticket.ticket, form);
  parts = { ...parts, trailers: mergeTrailers(parts.trailers, rules.trailers) };
  if (rules.constraints) parts = conformMessage(parts, rules.constraints, hints);
  return renderMessage(parts);
}

export async function applyRepositoryRules(
  text: string,
  rules: RepositoryRules,
  hints: ConformHints = {},
): Promise<RuledMessage> {
  const shaped = shape(text, rules, hints);
  if (!rules.commitlint) return { text: shaped, errors: [] };
  const outcome = await rules.commitlint.lint(shaped);
  if (outcome.valid || !rules.ticket || rules.ticket.form.kind === 'trailer')
    return { text: shaped, errors: outcome.errors };
  // The history's form breaks a rule here (a prefix before the type, a ticket for a scope): a trailer says the same.
  const fallback = shape(text, rules, hints, DEFAULT_TICKET_FORM);
  const second = await rules.commitlint.lint(fallback);
  return second.errors.length < outcome.errors.length
    ? { text: fallback, errors: second.errors }
    : { text: shaped, errors: outcome.errors };
}

/** The one line that names the rules a written message still breaks. */
export function describeUnmetRules(errors: LintOutcome['errors']): string | undefined {
  if (errors.length === 0) return undefined;
  const named = errors.map((error) => `${error.name} (${error.message})`).join(', ');
  return `the message breaks the repository's commitlint rule${errors.length > 1 ? 's' : ''} ${named}; it was written as it is`;
}
