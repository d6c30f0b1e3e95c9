// Mechanical repair: a message changed as little as it takes to meet the repository's commitlint constraints
// (the type and scope mapped onto the allowed ones, the subject's case, full stop and length, the body wrapped).
// What no mechanical change can meet (a required footer with no ticket, a required body without one) is left to
// the caller, which lints the result with commitlint itself.
import { wrapBody } from '../engines/body-wrap.js';
import { fitSubject } from '../engines/message.js';
import { fitCase } from './case.js';
import type { MessageConstraints } from './commitlint/constraints.js';
import { renderHeader, type MessageParts } from './message-parts.js';

export interface ConformHints {
  /** The changed paths, to pick an allowed scope that names where the change is. */
  paths?: readonly string[];
}

/** For a type the repository does not allow, its nearest allowed names, in order of preference. */
const TYPE_SYNONYMS: Record<string, readonly string[]> = {
  feat: ['feature', 'feat', 'features', 'new', 'add', 'enhancement', 'improvement'],
  fix: ['fix', 'bugfix', 'bug', 'hotfix', 'fixes', 'patch'],
  docs: ['docs', 'doc', 'documentation', 'chore'],
  refactor: ['refactor', 'refactoring', 'improvement', 'chore'],
  perf: ['perf', 'performance', 'improvement', 'refactor', 'fix'],
  test: ['test', 'tests', 'testing', 'chore'],
  build: ['build', 'deps', 'dependencies', 'chore'],
  ci: ['ci', 'build', 'chore'],
  chore: ['chore', 'misc', 'maintenance', 'build'],
  style: ['style', 'format', 'formatting', 'chore'],
  revert: ['revert', 'fix'],
};
const FALLBACK_TYPES = ['chore', 'misc', 'maintenance', 'refactor', 'fix', 'feat'];
const GENERIC_SEGMENTS = new Set([
  'src',
  'lib',
  'test',
  'tests',
  'packages',
  'apps',
  'pkg',
  'internal',
  'app',
  'source',
  '.',
]);

function pickAllowed(allowed: readonly string[], wanted: readonly string[]): string | undefined {
  for (const name of wanted) {
    const found = allowed.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return found;
  }
  return undefined;
}

function conformType(parts: MessageParts, constraints: MessageConstraints): void {
  if (parts.type === undefined && constraints.typeRequired) parts.type = 'chore';
  if (parts.type === undefined) return;
  if (constraints.types && !constraints.types.includes(parts.type)) {
    const wanted = TYPE_SYNONYMS[parts.type.toLowerCase()] ?? [parts.type];
    parts.type = pickAllowed(constraints.types, [...wanted, ...FALLBACK_TYPES]) ?? constraints.types[0] ?? parts.type;
  }
  if (constraints.typeCase) parts.type = fitCase(parts.type, constraints.typeCase) ?? parts.type;
}

/** The allowed scope that most changed paths sit under (as a directory or file name), if any. */
function scopeFromPaths(paths: readonly string[], allowed: readonly string[] | undefined): string | undefined {
  const votes = new Map<string, number>();
  for (const path of paths) {
    const segments = path
      .toLowerCase()
      .split('/')
      .map((segment) => segment.replace(/\.[^.]*$/, ''));
    const candidates = allowed
      ? allowed.filter((scope) => segments.includes(scope.toLowerCase()))
      : segments
          .slice(0, -1)
          .filter((segment) => !GENERIC_SEGMENTS.has(segment))
          .slice(0, 1);
    for (const scope of new Set(candidates)) votes.set(scope, (votes.get(scope) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function conformScope(parts: MessageParts, constraints: MessageConstraints, hints: ConformHints): void {
  if (parts.type === undefined) return;
  if (constraints.scopeForbidden) {
    delete parts.scope;
    return;
  }
  const allowed = constraints.scopes;
  if (parts.scope !== undefined && allowed && !allowed.includes(parts.scope)) {
    const pieces = parts.scope.split(/[/,\\\s-]+/);
    const mapped = pickAllowed(allowed, [parts.scope, ...pieces]) ?? scopeFromPaths(hints.paths ?? [], allowed);
    if (mapped === undefined) delete parts.scope;
    else parts.scope = mapped;
  }
  if (parts.scope === undefined && constraints.scopeRequired) {
    const derived = scopeFromPaths(hints.paths ?? [], allowed);
    if (derived !== undefined) parts.scope = derived;
  }
  if (parts.scope !== undefined && constraints.scopeCase)
    parts.scope = fitCase(parts.scope, constraints.scopeCase) ?? parts.scope;
}

function conformSubjectText(parts: MessageParts, constraints: MessageConstraints): void {
  const stop = constraints.subjectFullStop;
  let subject = parts.subject.trim();
  if (stop?.when === 'never')
    while (subject.endsWith(stop.char) && subject.length > stop.char.length)
      subject = subject.slice(0, -stop.char.length).trimEnd();
  if (stop?.when === 'always' && !subject.endsWith(stop.char)) subject += stop.char;
  if (constraints.subjectCase) subject = fitCase(subject, constraints.subjectCase) ?? subject;
  parts.subject = subject;
}

function conformHeaderLength(parts: MessageParts, constraints: MessageConstraints): void {
  const max = constraints.headerMaxLength;
  if (max === undefined || [...renderHeader(parts)].length <= max) return;
  if (
    parts.scope !== undefined &&
    !constraints.scopeRequired &&
    [...renderHeader({ ...parts, subject: '' })].length > max / 2
  )
    delete parts.scope;
  const lead = [...renderHeader({ ...parts, subject: '', suffix: '' })].length;
  const room = max - lead - [...parts.suffix].length;
  const stop = constraints.subjectFullStop?.when === 'always' ? constraints.subjectFullStop.char : '';
  const bare = stop && parts.subject.endsWith(stop) ? parts.subject.slice(0, -stop.length) : parts.subject;
  parts.subject = fitSubject('', bare, room - [...stop].length) + stop;
}

function conformBody(parts: MessageParts, constraints: MessageConstraints): void {
  if (constraints.bodyForbidden) parts.body = [];
  const width = constraints.bodyMaxLineLength;
  // As commitlint counts them: every line but one holding a URL must fit, code too.
  if (width !== undefined && parts.body.length > 0)
    parts.body = wrapBody(parts.body.join('\n\n'), width, { code: 'wrap' }).split('\n\n');
}

/** The parts changed to meet the constraints wherever a mechanical change can. */
export function conformMessage(
  parts: MessageParts,
  constraints: MessageConstraints,
  hints: ConformHints = {},
): MessageParts {
  const result: MessageParts = { ...parts, body: [...parts.body], trailers: [...parts.trailers] };
  conformType(result, constraints);
  conformScope(result, constraints, hints);
  conformSubjectText(result, constraints);
  conformHeaderLength(result, constraints);
  conformSubjectText(result, constraints); // a cut subject may end in a full stop or start a word differently
  conformBody(result, constraints);
  return result;
}
