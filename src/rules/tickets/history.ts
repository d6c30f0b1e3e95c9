// How the repository's history writes ticket references: a `PROJ-123: ` prefix, a ` (#456)` suffix, a `Refs: PROJ-123`
// trailer, or the scope `feat(PROJ-123): `; the most common form wins.

export type TicketFormKind = 'prefix' | 'suffix' | 'trailer' | 'scope';

export interface TicketForm {
  kind: TicketFormKind;
  /** The text around the reference, `{ref}` standing for it: `{ref}: `, ` ({ref})`, `Refs: {ref}`, `{ref}`. */
  template: string;
  /** Whether issue numbers are written with `#`. */
  hash: boolean;
}

const REF = String.raw`(?:[A-Z][A-Z0-9]{1,9}-\d+|#\d+)`;
const PREFIX = new RegExp(String.raw`^(\[?)(${REF})(\]?:?\s+)`);
const SUFFIX = new RegExp(String.raw`(\s\(?)(${REF})(\)?)$`);
const SCOPE = new RegExp(String.raw`^[A-Za-z]+\((${REF}|\d+)\)!?: `);
const TRAILER = new RegExp(String.raw`^([A-Za-z][\w-]*)(:?\s+)(${REF})$`);

interface Vote {
  form: TicketForm;
  count: number;
}

function found(votes: Map<string, Vote>, form: TicketForm): void {
  const key = `${form.kind}|${form.template}|${form.hash}`;
  const vote = votes.get(key) ?? { form, count: 0 };
  vote.count += 1;
  votes.set(key, vote);
}

const hashed = (ref: string): boolean => ref.startsWith('#');

/** The form most of the history's references take, or undefined when it writes none. */
export function detectTicketForm(messages: readonly string[]): TicketForm | undefined {
  const votes = new Map<string, Vote>();
  for (const message of messages) {
    const [subject = '', ...rest] = message.trim().split('\n');
    const scope = SCOPE.exec(subject);
    const prefix = PREFIX.exec(subject);
    const suffix = SUFFIX.exec(subject);
    if (scope?.[1]) found(votes, { kind: 'scope', template: '{ref}', hash: scope[1].startsWith('#') });
    else if (prefix?.[2])
      found(votes, { kind: 'prefix', template: `${prefix[1]}{ref}${prefix[3]}`, hash: hashed(prefix[2]) });
    if (suffix?.[2])
      found(votes, { kind: 'suffix', template: `${suffix[1]}{ref}${suffix[3]}`, hash: hashed(suffix[2]) });
    for (const line of rest) {
      const trailer = TRAILER.exec(line.trim());
      if (trailer?.[3])
        found(votes, { kind: 'trailer', template: `${trailer[1]}${trailer[2]}{ref}`, hash: hashed(trailer[3]) });
    }
  }
  return [...votes.values()].sort((a, b) => b.count - a.count)[0]?.form;
}

/** Where a history that shows no form gets the reference: a trailer, the least intrusive and what commitlint reads as a footer. */
export const DEFAULT_TICKET_FORM: TicketForm = { kind: 'trailer', template: 'Refs: {ref}', hash: true };
