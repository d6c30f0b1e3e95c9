// Pure readings of one run: round trips from the requests' times, coverage of the staged files, and the --debug trace.
import type { RecordedRequest } from '../../test/support/provider-server.js';
import { parseListing, parsePartFiles, requestText } from './prompt-text.js';
import type { StagedPath } from './run-cli.js';

interface Timed {
  startedAt: number;
  endedAt?: number;
}

/** Round trips: groups of requests whose open intervals overlap (a request starting after all open ones ended starts the next). */
export function groupRoundTrips<T extends Timed>(requests: readonly T[]): T[][] {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  const trips: T[][] = [];
  let openUntil = -Infinity;
  for (const request of sorted) {
    if (request.startedAt >= openUntil) trips.push([]);
    trips.at(-1)!.push(request);
    openUntil = Math.max(openUntil, request.endedAt ?? request.startedAt);
  }
  return trips;
}

export function countRoundTrips(requests: readonly Timed[]): number {
  return groupRoundTrips(requests).length;
}

export interface CriticalPath {
  /** Server time of the slowest request of each round trip, summed. */
  modelMs: number;
  /** That time split by the latency model: fixed cost per round trip, input tokens, output tokens. */
  baseMs: number;
  inputMs: number;
  outputMs: number;
}

/** What the round trips cost on the critical path (the slowest request of each), by the latency model's terms. */
export function measureCriticalPath(
  requests: readonly (Timed & { inputTokens: number; outputTokens?: number })[],
  latency: { baseMs: number; perInputKTokensMs: number; perOutputTokenMs: number },
): CriticalPath {
  const path: CriticalPath = { modelMs: 0, baseMs: 0, inputMs: 0, outputMs: 0 };
  for (const trip of groupRoundTrips(requests)) {
    const slowest = trip.reduce((a, b) =>
      (b.endedAt ?? b.startedAt) - b.startedAt > (a.endedAt ?? a.startedAt) - a.startedAt ? b : a,
    );
    path.modelMs += (slowest.endedAt ?? slowest.startedAt) - slowest.startedAt;
    path.baseMs += latency.baseMs;
    path.inputMs += (slowest.inputTokens * latency.perInputKTokensMs) / 1000;
    path.outputMs += (slowest.outputTokens ?? 0) * latency.perOutputTokenMs;
  }
  return path;
}

export interface Coverage {
  /** Staged files some request names, or counts under a folded directory line. */
  represented: number;
  staged: number;
  /** Files the most complete listing accounts for (a folded line counts its files). */
  listed: number;
  missing: string[];
}

/** Whether every staged file appears in at least one request: as a listing or part line, or inside a folded directory. */
export function checkCoverage(staged: readonly StagedPath[], requests: readonly RecordedRequest[]): Coverage {
  const named = new Set<string>();
  const dirs = new Set<string>();
  let listed = 0;
  for (const request of requests) {
    if (request.normalized === undefined) continue;
    const text = requestText(request.normalized);
    const listing = parseListing(text);
    for (const file of [...listing.files, ...parsePartFiles(text)]) named.add(file.path);
    for (const group of listing.folded) dirs.add(group.dir);
    listed = Math.max(listed, listing.files.length + listing.folded.reduce((sum, group) => sum + group.files, 0));
  }
  const isCovered = (path: string) =>
    named.has(path) || [...dirs].some((dir) => dir === '' || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`));
  const missing = staged.filter((file) => !isCovered(file.path)).map((file) => file.path);
  return { represented: staged.length - missing.length, staged: staged.length, listed, missing: missing.slice(0, 10) };
}

export interface TraceSpan {
  depth: number;
  name: string;
  ms: number;
  /** Start, relative to the first root span. */
  atMs: number;
  attrs: Record<string, string>;
}

const SPAN_LINE = /^( *)(.+?) (\d+(?:\.\d+)?)ms \(\+(\d+(?:\.\d+)?)ms\)(?: (.*))?$/;

/** The spans of `--debug`'s timing tree (lines that are not spans, such as the message, are skipped). */
export function parseTrace(stderr: string): TraceSpan[] {
  return stderr.split('\n').flatMap((line) => {
    const match = SPAN_LINE.exec(line);
    if (!match) return [];
    const attrs = Object.fromEntries(
      (match[5] ?? '')
        .split(' ')
        .filter((pair) => pair.includes('='))
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    return [{ depth: match[1]!.length / 2, name: match[2]!, ms: Number(match[3]), atMs: Number(match[4]), attrs }];
  });
}

export interface TraceSummary {
  stage?: string;
  /** The `run` span: from the staged diff's preparation to the message. */
  runMs?: number;
  prepareMs?: number;
  chunks?: number;
  analyseMs?: number;
  analyseWaves?: number;
  /** The request that wrote the message. */
  generateMs?: number;
  /** Time in failed stages before the one that answered. */
  failedStages: string[];
}

export function summariseTrace(spans: readonly TraceSpan[]): TraceSummary {
  const find = (name: string, depth?: number) =>
    spans.find((span) => span.name === name && (depth === undefined || span.depth === depth));
  const run = find('run', 0);
  const prepare = find('prepare');
  const analyse = find('analyse');
  const generates = spans.filter(
    (span) => span.name === 'generate' && span.depth > 0 && span.attrs.error === undefined,
  );
  const failedStages = spans
    .filter((span) => span.attrs.outcome === 'failed')
    .map((span) => `${span.name} ${Math.round(span.ms)}ms (${span.attrs.error ?? 'error'})`);
  return {
    stage: run?.attrs.stage,
    runMs: run?.ms,
    prepareMs: prepare?.ms,
    chunks: prepare?.attrs.chunks === undefined ? undefined : Number(prepare.attrs.chunks),
    analyseMs: analyse?.ms,
    analyseWaves: analyse?.attrs.waves === undefined ? undefined : Number(analyse.attrs.waves),
    generateMs: generates.at(-1)?.ms,
    failedStages,
  };
}
