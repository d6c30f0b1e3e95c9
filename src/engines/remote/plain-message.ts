// The commit message as a model writes it in plain text: the header line, then a blank line and the body. Real models
// wrap it now and then (a code fence, "Here is the commit message:", quotes or bold around the header, a closing
// remark, CRLF): the first line that reads as a Conventional Commits header is the header, what follows it up to a
// closing fence, a second header or a closing remark is the body. Pure, and the same for the draft and the answer.
import { parseCommitHeader } from '../message.js';
import { toCandidate, type Candidate } from '../../providers/answer-shapes.js';

export interface PlainMessage {
  header: string;
  body: string | null;
}

const FENCE = /^\s*(```|~~~)/;
/** What models put around a header line: list markers, labels, bold, quotes, backticks. */
const LABEL =
  /^(?:[-*>]\s+|\d+[.)]\s+)?(?:\*\*|__)?(?:commit message|message|header|subject|title)\s*:?(?:\*\*|__)?\s*:?\s+/i;
const WRAPPERS = [/^\*\*(.*)\*\*$/, /^__(.*)__$/, /^`(.*)`$/, /^"(.*)"$/, /^'(.*)'$/, /^“(.*)”$/];
/** A paragraph after the message that speaks to the reader, not about the change. */
const REMARK =
  /^(?:let me know|i hope|hope this|feel free|this commit message|this message|the commit message|note:|notes:|explanation:|if you(?:'d| would)|would you like|want me to|alternatively)/i;

/** A header line with what a model may wrap it in taken off, or undefined when it is no header. */
export function readHeaderLine(line: string): string | undefined {
  let text = line.trim().replace(/^(?:[-*>]\s+|\d+[.)]\s+)(?=\S)/, '');
  for (let round = 0; round < 3; round++) {
    const before = text;
    text = text.replace(LABEL, '').trim();
    for (const wrapper of WRAPPERS) text = text.replace(wrapper, '$1').trim();
    if (text === before) break;
  }
  return parseCommitHeader(text) === undefined ? undefined : text;
}

/** The body lines: up to a closing fence, a second header (an alternative offered) or a closing remark. */
function readBody(lines: readonly string[]): string | null {
  const kept: string[] = [];
  for (const line of lines) {
    if (FENCE.test(line) || readHeaderLine(line) !== undefined) break;
    kept.push(line.trimEnd());
  }
  // Paragraphs after the message that address the reader are no part of it.
  const paragraphs = kept
    .join('\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  while (paragraphs.length > 0 && REMARK.test(paragraphs.at(-1) ?? '')) paragraphs.pop();
  const body = paragraphs.join('\n\n').replace(/^(?:\*\*|__)?body(?:\*\*|__)?\s*:\s*/i, '');
  return body === '' ? null : body;
}

/** The header and body of a plain-text answer, or undefined when no line of it reads as a commit header. */
export function parsePlainMessage(text: string): PlainMessage | undefined {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const at = lines.findIndex((line) => readHeaderLine(line) !== undefined);
  if (at === -1) return undefined;
  return { header: readHeaderLine(lines[at]!)!, body: readBody(lines.slice(at + 1)) };
}

/** A plain-text answer as a candidate for selection, or undefined when it holds no commit header. */
export function parsePlainCandidate(text: string): Candidate | undefined {
  const message = parsePlainMessage(text);
  return message === undefined ? undefined : toCandidate(message.header, message.body);
}

/**
 * The draft a partial answer reads as: from its first header line on (the whole text while none has come), fences
 * left out, the body only when one is wanted. Not sanitised here.
 */
export function draftOfText(partial: string, withBody: boolean): string {
  const lines = partial
    .replace(/\r\n?/g, '\n')
    .split('\n')
    // A fence, or the start of one still arriving on the last line.
    .filter((line, index, all) => !FENCE.test(line) && !(index === all.length - 1 && /^\s*[`~]{1,2}$/.test(line)));
  const at = lines.findIndex((line) => readHeaderLine(line) !== undefined);
  const from = at === -1 ? lines : [readHeaderLine(lines[at]!)!, ...lines.slice(at + 1)];
  return (withBody ? from.join('\n') : (from[0] ?? '')).trim();
}
