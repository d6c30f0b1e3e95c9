// A responder that answers as a real model would, in size as well as shape: a few file analyses in the lines or the
// JSON the request asks for, or the commit message in plain text (its header line and a body).
import type { NormalizedRequest, ResponderResult } from '../../test/support/provider-server.js';
import { createSchemaInstance } from '../../test/support/provider-server.js';
import { isMessageRequest } from '../../test/support/commit-responder.js';
import {
  countListed,
  parseListing,
  parsePartFiles,
  requestText,
  symbolsByFile,
  type ListedFile,
} from './prompt-text.js';
import { fileKindOf, hashOf, summariseFile, writeBody, writeHeaders } from './wording.js';

/** A change with more files than this gets a body (when the prompt wants one). */
export const FEW_FILES = 4;

function schemaProperties(request: NormalizedRequest): Record<string, unknown> {
  const schema = request.structured?.schema as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ?? {};
}

/** Files that matter most first: source before tests before docs, edits before removals and moves, then by lines changed. */
function rank(file: ListedFile): number {
  const weight =
    { source: 3, test: 2, docs: 1 }[fileKindOf(file)] -
    (file.status === 'deleted' || file.status === 'renamed' ? 0.5 : 0);
  return weight * 1e6 + file.additions + file.deletions;
}

/** The prompt's limit on entries ("one line for each of the files ... at most N"), or every file when it states none. */
function entryLimit(system: string, files: number): number {
  const match = /(?:entry|line) for each of the files[^\n]*?at most (\d+)/.exec(system);
  return match ? Number.parseInt(match[1]!, 10) : files;
}

/** An analysis request: a response schema with `files`, or the analysis prompt asking for plain lines. */
function isAnalysis(request: NormalizedRequest): boolean {
  return 'files' in schemaProperties(request) || request.system.startsWith('You analyse one part');
}

/** A limit the prompt states for a field ("symbols: ... (at most N)", "summary: ... (at most N words)"), as a model obeys it. */
function fieldLimit(system: string, pattern: RegExp, fallback: number): number {
  const match = pattern.exec(system);
  return match ? Number.parseInt(match[1]!, 10) : fallback;
}

function answerAnalysis(request: NormalizedRequest): ResponderResult {
  const symbolLimit = fieldLimit(request.system, /symbols:[^\n]*?\(at most (\d+)\)/, 3);
  const wordLimit = fieldLimit(request.system, /summary:[^\n]*?at most (\d+) words/, 40);
  const text = requestText(request);
  const part = parsePartFiles(text);
  const symbols = symbolsByFile(text);
  const chosen = [...part].sort((a, b) => rank(b) - rank(a)).slice(0, entryLimit(request.system, part.length));
  const files = chosen.map((file) => {
    const names = (symbols.get(file.path) ?? []).slice(0, symbolLimit);
    const summary = summariseFile(file, names);
    const words = summary.summary.split(' ');
    const text =
      words.length > wordLimit ? `${words.slice(0, wordLimit).join(' ').replace(/[,.]$/, '')}.` : summary.summary;
    return { file, path: file.path, ...summary, summary: text, symbols: names };
  });
  if (request.structured !== undefined) return { object: { files: files.map(({ file: _file, ...entry }) => entry) } };
  // Plain lines, `number | kind | significance | summary | symbols`, on the scale the prompt states, most important first.
  const scale = fieldLimit(request.system, /significance: 0 to (\d+)/, 1);
  const lines = files.map(({ file, kind, significance, summary, symbols: names }) =>
    [
      file.number ?? file.path,
      kind,
      scale === 1 ? significance.toFixed(2) : Math.round(significance * scale),
      summary.replace(/\.$/, ''),
      names.join(', '),
    ].join(' | '),
  );
  return { text: lines.join('\n') };
}

/** The package most of the change is in, when it holds at least half of it (else no scope). */
function dominantPackage(text: string): string | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  const listing = parseListing(text);
  const entries = [
    ...listing.files.map((file) => ({ path: file.path, files: 1 })),
    ...listing.folded.map((group) => ({ path: group.dir, files: group.files })),
  ];
  for (const entry of entries) {
    const pkg = /(?:^|\/)(?:packages|docs)\/([\w-]+)/.exec(entry.path)?.[1];
    total += entry.files;
    if (pkg) counts.set(pkg, (counts.get(pkg) ?? 0) + entry.files);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] * 2 >= total ? best[0] : undefined;
}

/**
 * The commit message as a model writes it when asked for plain text: the header line, then a blank line and the
 * body when one is wanted. Each completion of a request that asked for several (`n`) is a different header.
 */
function answerMessage(request: NormalizedRequest): ResponderResult {
  const text = requestText(request);
  const listing = parseListing(text);
  const files = countListed(listing);
  const added = listing.files.filter((file) => file.status === 'A').length;
  const type = files === 1 ? 'fix' : added * 3 > listing.files.length ? 'feat' : 'refactor';
  const scope = dominantPackage(text);
  // From what the change shows (the listing, the diff), not from the instructions: the same change gets the same
  // wording whatever form the answer is asked for in.
  const seed = hashOf(
    request.messages
      .map((message) => message.content)
      .join('\n')
      .slice(0, 4000),
  );
  const headers = writeHeaders({ type, scope, count: Math.max(1, request.choices), seed });
  const header = headers[request.choice] ?? headers[0]!;
  const wantsBody = !/body: none \(no body is wanted\)/.test(request.system);
  const body = wantsBody && files > FEW_FILES ? writeBody({ files, scope, seed }) : null;
  return { text: body === null ? header : `${header}\n\n${body}` };
}

export interface RealisticResponder {
  respond: (request: NormalizedRequest) => ResponderResult;
  /** Output tokens of the answer to a request as sent (the server's own estimate: characters / 4). */
  outputTokens: (request: NormalizedRequest) => number | undefined;
}

export function createRealisticResponder(): RealisticResponder {
  const tokens = new WeakMap<NormalizedRequest, number>();
  const respond = (request: NormalizedRequest): ResponderResult => {
    const result = isAnalysis(request)
      ? answerAnalysis(request)
      : isMessageRequest(request)
        ? answerMessage(request)
        : { object: createSchemaInstance(request.structured?.schema) };
    // What goes on the wire: the text itself, or the object as JSON text.
    const sent = result.text ?? JSON.stringify(result.object);
    tokens.set(request, Math.ceil(sent.length / 4));
    return result;
  };
  return { respond, outputTokens: (request) => tokens.get(request) };
}
