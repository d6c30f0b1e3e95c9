// Puts the branch's ticket into a message in the repository's form (once: a message that names it already is left alone).
import type { MessageParts } from '../message-parts.js';
import type { Ticket } from './branch.js';
import type { TicketForm } from './history.js';

/** The reference as the form writes it: `PROJ-123`, `#456` or `456`. */
export function formatReference(ticket: Ticket, form: TicketForm): string {
  return ticket.kind === 'number' && form.hash ? `#${ticket.id}` : ticket.id;
}

function mentions(parts: MessageParts, ticket: Ticket): boolean {
  const text = [parts.prefix, parts.scope ?? '', parts.subject, parts.suffix, ...parts.body, ...parts.trailers].join(
    '\n',
  );
  const escaped = ticket.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(ticket.kind === 'number' ? `#${escaped}\\b` : `\\b${escaped}\\b`).test(text);
}

export function applyTicket(parts: MessageParts, ticket: Ticket, form: TicketForm): MessageParts {
  if (mentions(parts, ticket)) return parts;
  const text = form.template.replace('{ref}', formatReference(ticket, form));
  switch (form.kind) {
    case 'prefix':
      return { ...parts, prefix: `${text}${parts.prefix}` };
    case 'suffix':
      return { ...parts, suffix: `${parts.suffix}${text}` };
    case 'scope':
      return parts.type === undefined
        ? { ...parts, trailers: [...parts.trailers, `Refs: ${formatReference(ticket, form)}`] }
        : { ...parts, scope: text };
    case 'trailer':
      return { ...parts, trailers: [...parts.trailers, text] };
  }
}
