// Measures one case: N cold runs (empty analysis cache), each followed by a warm run on the same cache.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderServer } from '../../test/support/provider-server.js';
import { median } from '../measure.js';
import { isolatedEnv } from '../env.js';
import { changedFiles, type E2eCase } from './cases.js';
import { CACHE_HOMES_DIR } from './paths.js';
import type { RealisticResponder } from './responder.js';
import { listStagedPaths } from './run-cli.js';
import { sampleRun, type RunRecord } from './sample.js';

export interface CaseSummary {
  name: string;
  files: number;
  diffBytes: number;
  reps: number;
  /** Medians of the cold runs. */
  wallMs: number;
  requests: number;
  maxInFlight: number;
  inputTokens: number;
  outputTokens: number;
  roundTrips: number;
  /** Worst over the cold runs, for the targets. */
  maxRoundTrips: number;
  stage: string;
  chunks?: number;
  analyseWaves?: number;
  /** Least share of the staged files represented over the cold runs, as "represented/staged". */
  represented: number;
  staged: number;
  listed: number;
  /** The CLI's own CPU time (medians of the cold and of the warm runs): steadier than wall time under load. */
  cpuMs: number;
  warmCpuMs: number;
  warmWallMs: number;
  /** Warm runs answer from the cache (no request), so their own time is their wall time; median. */
  warmOwnMs: number;
  warmRequests: number;
  warmSpeedup: number;
  message: string;
  failures: string[];
  /** Where the cold wall time goes (medians): see renderBreakdown. */
  breakdown: Breakdown;
}

export interface Breakdown {
  /** Spawn to the first request (Node, git, config, preparing the diff); prepareMs is the part in prepareDiff. */
  headMs: number;
  prepareMs: number;
  /** Round trips on the critical path, by the latency model's terms. */
  baseMs: number;
  inputMs: number;
  outputMs: number;
  /** Between round trips (client work, e.g. scoring), and from the last answer to exit. */
  betweenMs: number;
  tailMs: number;
  /** Our own time: wall time less the server's time on the critical path (the latency model's terms). */
  ownMs: number;
}

export interface CaseResult {
  summary: CaseSummary;
  runs: RunRecord[];
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
}

function breakdownOf(cold: readonly RunRecord[], wallMs: number): Breakdown {
  const med = (pick: (run: RunRecord) => number | undefined) => median(cold.map((run) => pick(run) ?? 0));
  const headMs = med((run) => run.headMs);
  const tailMs = med((run) => run.tailMs);
  const modelMs = med((run) => run.critical.modelMs);
  return {
    headMs,
    prepareMs: med((run) => run.trace.prepareMs),
    baseMs: med((run) => run.critical.baseMs),
    inputMs: med((run) => run.critical.inputMs),
    outputMs: med((run) => run.critical.outputMs),
    betweenMs: Math.max(0, wallMs - headMs - modelMs - tailMs),
    tailMs,
    ownMs: med((run) => run.wallMs - run.critical.modelMs),
  };
}

function summarise(item: E2eCase, diffBytes: number, runs: RunRecord[]): CaseSummary {
  const cold = runs.filter((run) => run.kind === 'cold');
  const warm = runs.filter((run) => run.kind === 'warm');
  const med = (list: RunRecord[], pick: (run: RunRecord) => number) => median(list.map(pick));
  // Judged on the cold runs: a warm run answered from the cache sends no request to look into.
  const worst = cold.reduce(
    (least, run) =>
      run.coverage.represented / run.coverage.staged < least.coverage.represented / least.coverage.staged ? run : least,
    cold[0]!,
  );
  const wallMs = med(cold, (run) => run.wallMs);
  const warmWallMs = med(warm, (run) => run.wallMs);
  return {
    name: item.spec.name,
    files: changedFiles(item.spec),
    diffBytes,
    reps: cold.length,
    wallMs,
    requests: med(cold, (run) => run.requests),
    maxInFlight: Math.max(...cold.map((run) => run.maxInFlight)),
    inputTokens: med(cold, (run) => run.inputTokens),
    outputTokens: med(cold, (run) => run.outputTokens),
    roundTrips: med(cold, (run) => run.roundTrips),
    maxRoundTrips: Math.max(...cold.map((run) => run.roundTrips)),
    stage: mostCommon(cold.map((run) => run.trace.stage ?? '?')),
    chunks: cold[0]?.trace.chunks,
    analyseWaves: cold[0]?.trace.analyseWaves,
    represented: worst.coverage.represented,
    staged: worst.coverage.staged,
    listed: worst.coverage.listed,
    cpuMs: med(cold, (run) => run.cpuMs ?? 0),
    warmCpuMs: med(warm, (run) => run.cpuMs ?? 0),
    warmWallMs,
    warmOwnMs: med(warm, (run) => run.wallMs - run.critical.modelMs),
    warmRequests: med(warm, (run) => run.requests),
    warmSpeedup: wallMs / warmWallMs,
    message: cold[0]?.message ?? '',
    breakdown: breakdownOf(cold, wallMs),
    failures: runs.flatMap((run) => (run.error === undefined ? [] : [`${run.kind}: ${run.error}`])),
  };
}

export interface RunCaseOptions {
  item: E2eCase;
  repoDir: string;
  diffBytes: number;
  cli: string;
  server: ProviderServer;
  responder: RealisticResponder;
  reps: number;
  settings?: Record<string, string>;
  nodeArgs?: string[];
  node?: string;
  /** Every cold run without the CLI's code cache (src/cli/code-cache.ts), as a first run ever; else one unrecorded run primes it. */
  coldCode?: boolean;
  log: (line: string) => void;
}

export async function runE2eCase(options: RunCaseOptions): Promise<CaseResult> {
  const { item, reps, log } = options;
  const staged = await listStagedPaths(options.repoDir, isolatedEnv());
  mkdirSync(CACHE_HOMES_DIR, { recursive: true });
  const runs: RunRecord[] = [];
  const sample = (cacheHome: string, kind: 'cold' | 'warm') =>
    sampleRun({
      cli: options.cli,
      repoDir: options.repoDir,
      server: options.server,
      responder: options.responder,
      staged,
      cacheHome,
      kind,
      settings: options.settings,
      nodeArgs: options.nodeArgs,
      node: options.node,
    });
  // The code cache a user's second commit finds: written by one run nobody records, copied into each fresh cache home.
  const primed = options.coldCode ? undefined : mkdtempSync(join(CACHE_HOMES_DIR, `${item.spec.name}-code-`));
  if (primed !== undefined) await sample(primed, 'cold');
  const primedCode = primed === undefined ? undefined : join(primed, 'git-ai', 'code');
  for (let rep = 0; rep < reps; rep++) {
    const cacheHome = mkdtempSync(join(CACHE_HOMES_DIR, `${item.spec.name}-`));
    if (primedCode !== undefined && existsSync(primedCode))
      cpSync(primedCode, join(cacheHome, 'git-ai', 'code'), { recursive: true });
    try {
      for (const kind of ['cold', 'warm'] as const) {
        const run = await sample(cacheHome, kind);
        runs.push(run);
        log(
          `  ${item.spec.name} files ${kind} #${rep + 1}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.requests} requests, ${run.roundTrips} round trips, ${run.inputTokens} in / ${run.outputTokens} out tokens, stage ${run.trace.stage ?? '?'}${run.error ? `, ERROR ${run.error}` : ''}`,
        );
      }
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  }
  if (primed !== undefined) rmSync(primed, { recursive: true, force: true });
  return { summary: summarise(item, options.diffBytes, runs), runs };
}
