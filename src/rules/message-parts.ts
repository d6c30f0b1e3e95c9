// A commit message as its parts (header pieces, body paragraphs, the trailer block), so rules can change one part
// and the text is put back together the same way every time.

export interface MessageParts {
  /** Text before the type, e.g. a ticket (`PROJ-123: `) or a gitmoji; kept as written. */
  prefix: string;
  /** The Conventional Commits type; undefined when the header is not `type(scope): subject`. */
  type?: string;
  scope?: string;
  breaking: boolean;
  subject: string;
  /** Text after the subject that shortening must keep, e.g. ` (#456)`. */
  suffix: string;
  /** Body paragraphs (each may hold several lines), without the trailer block. */
  body: string[];
  /** `Token: value` lines of the last paragraph (git's trailers, commitlint's footer). */
  trailers: string[];
}

const HEADER = /^(?<type>[A-Za-z][\w-]*)(?:\((?<scope>[^()]*)\))?(?<bang>!)?: (?<subject>.*)$/u;
const TRAILER = /^(?:[A-Za-z][\w-]*: \S|[A-Za-z][\w-]* #\S|BREAKING[ -]CHANGE: )/;

/** Whether a paragraph is a trailer block: every line a `Token: value` (or `Closes #1`), as `git interpret-trailers` reads it. */
export function isTrailerBlock(paragraph: string): boolean {
  const lines = paragraph.split('\n');
  return (
    lines.length > 0 && lines.every((line) => TRAILER.test(line) || /^\s+\S/.test(line)) && TRAILER.test(lines[0] ?? '')
  );
}

export function parseMessage(text: string): MessageParts {
  const [header = '', ...rest] = text.replace(/\r\n/g, '\n').trim().split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter((paragraph) => paragraph !== '');
  const last = paragraphs.at(-1);
  const trailers = last !== undefined && isTrailerBlock(last) ? (paragraphs.pop() ?? '').split('\n') : [];
  const emoji = /^(?::\w+:|\p{Extended_Pictographic}\uFE0F?)\s*/u.exec(header)?.[0] ?? '';
  const match = HEADER.exec(header.slice(emoji.length));
  if (!match?.groups) return { prefix: '', breaking: false, subject: header, suffix: '', body: paragraphs, trailers };
  const { type, scope, bang, subject = '' } = match.groups;
  return {
    prefix: emoji,
    type,
    ...(scope !== undefined && scope.trim() !== '' ? { scope: scope.trim() } : {}),
    breaking: bang === '!',
    subject,
    suffix: '',
    body: paragraphs,
    trailers,
  };
}

export function renderHeader(parts: MessageParts): string {
  const lead =
    parts.type === undefined
      ? ''
      : `${parts.type}${parts.scope ? `(${parts.scope})` : ''}${parts.breaking ? '!' : ''}: `;
  return `${parts.prefix}${lead}${parts.subject}${parts.suffix}`;
}

export function renderMessage(parts: MessageParts): string {
  const blocks = [renderHeader(parts), ...parts.body];
  if (parts.trailers.length > 0) blocks.push(parts.trailers.join('\n'));
  return blocks.join('\n\n');
}
