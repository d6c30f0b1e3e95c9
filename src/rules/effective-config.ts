// The settings the engines write to once the repository's rules are known: a header no longer than commitlint
// allows (leaving room for a ticket in the header), a body when one is required, Conventional Commits when a type is.
import type { Config } from '../config/schema.js';
import type { RepositoryRules } from './repository-rules.js';
import { formatReference } from './tickets/apply.js';

/** The shortest header length an engine is asked for, whatever the rules say: shorter says nothing. */
const MIN_HEADER = 16;

function ticketHeaderCost(rules: RepositoryRules): number {
  const ticket = rules.ticket;
  if (!ticket || (ticket.form.kind !== 'prefix' && ticket.form.kind !== 'suffix')) return 0;
  return [...ticket.form.template.replace('{ref}', formatReference(ticket.ticket, ticket.form))].length;
}

export function constrainConfig(config: Config, rules: RepositoryRules): Config {
  const constraints = rules.constraints;
  const headerMax =
    Math.min(config.maxCommitLength, constraints?.headerMaxLength ?? Number.POSITIVE_INFINITY) -
    ticketHeaderCost(rules);
  const effective: Config = { ...config, maxCommitLength: Math.max(MIN_HEADER, headerMax) };
  if (constraints?.bodyRequired) effective.body = true;
  if (constraints?.bodyForbidden) effective.body = false;
  if (constraints?.typeRequired && config.style !== 'conventional') effective.style = 'conventional';
  return effective;
}

/** Whether the rules change a message at all (without any, the engine's text is final as it is). */
export function hasRules(rules: RepositoryRules): boolean {
  return rules.commitlint !== undefined || rules.ticket !== undefined || rules.trailers.length > 0;
}
