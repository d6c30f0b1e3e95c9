// One measured `git ai commit --dry-run --debug` against the provider server, and everything read from it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderServer } from '../../test/support/provider-server.js';
import { isolatedEnv } from '../env.js';
import {
  checkCoverage,
  countRoundTrips,
  measureCriticalPath,
  parseTrace,
  summariseTrace,
  type Coverage,
  type CriticalPath,
  type TraceSummary,
} from './analyse-run.js';
import { LATENCY } from './cases.js';
import type { RealisticResponder } from './responder.js';
import { runCli, type StagedPath } from './run-cli.js';

export interface RunRecord {
  kind: 'cold' | 'warm';
  wallMs: number;
  /** The CLI process's own CPU time, user + system (git's not included), from bench/e2e/cpu-at-exit.mjs. */
  cpuMs?: number;
  exitCode: number | null;
  requests: number;
  maxInFlight: number;
  inputTokens: number;
  outputTokens: number;
  roundTrips: number;
  /** Spawn to the first request's arrival (start-up, git, preparing the diff), and last answer to exit. */
  headMs?: number;
  tailMs?: number;
  /** Per request: input and output tokens, and its time on the server. */
  perRequest: { startedAt: number; endedAt?: number; inputTokens: number; outputTokens?: number; status?: number }[];
  critical: CriticalPath;
  coverage: Coverage;
  trace: TraceSummary;
  message: string;
  /** Raw --debug output, for reading where the time went. */
  traceText: string;
  error?: string;
}

export interface SampleOptions {
  cli: string;
  repoDir: string;
  server: ProviderServer;
  responder: RealisticResponder;
  staged: readonly StagedPath[];
  /** XDG_CACHE_HOME: fresh for a cold run, the cold run's for a warm one. */
  cacheHome: string;
  kind: 'cold' | 'warm';
  /** Extra settings as GIT_AI_* variables (the bench's --set). */
  settings?: Record<string, string>;
  /** Extra Node options for the CLI's process (the bench's --node-arg). */
  nodeArgs?: string[];
  node?: string;
}

const CPU_AT_EXIT = join(import.meta.dirname, 'cpu-at-exit.mjs');

function readCpuMs(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function sampleRun(options: SampleOptions): Promise<RunRecord> {
  const { server, responder } = options;
  server.reset();
  const cpuDir = mkdtempSync(join(tmpdir(), 'git-ai-bench-cpu-'));
  const cpuFile = join(cpuDir, 'cpu');
  const env = isolatedEnv({
    GIT_AI_BENCH_CPU_FILE: cpuFile,
    GIT_AI_PROVIDER: 'openai',
    GIT_AI_BASE_URL: server.baseUrls.openai,
    GIT_AI_API_KEY: 'x',
    GIT_AI_MODEL: 'gpt-4o-mini',
    XDG_CACHE_HOME: options.cacheHome,
    ...options.settings,
  });
  const run = await runCli({
    cli: options.cli,
    args: ['commit', '--dry-run', '--debug'],
    cwd: options.repoDir,
    env,
    nodeArgs: [`--import=${CPU_AT_EXIT}`, ...(options.nodeArgs ?? [])],
    node: options.node,
  });
  const cpuMs = readCpuMs(cpuFile);
  rmSync(cpuDir, { recursive: true, force: true });
  const requests = [...server.requests];
  const perRequest = requests.map((request) => ({
    startedAt: request.startedAt,
    endedAt: request.endedAt,
    inputTokens: request.normalized?.inputTokens ?? 0,
    outputTokens: request.normalized === undefined ? undefined : responder.outputTokens(request.normalized),
    status: request.status,
  }));
  const traceText = run.stderr.trim();
  const firstStart = Math.min(...requests.map((request) => request.startedAt));
  const lastEnd = Math.max(...requests.map((request) => request.endedAt ?? request.startedAt));
  const lastLine = traceText
    .split('\n')
    .filter((line) => /error/i.test(line))
    .pop();
  return {
    kind: options.kind,
    wallMs: run.ms,
    ...(cpuMs === undefined ? {} : { cpuMs }),
    exitCode: run.code,
    requests: requests.length,
    maxInFlight: server.maxInFlight,
    inputTokens: perRequest.reduce((sum, request) => sum + request.inputTokens, 0),
    outputTokens: perRequest.reduce((sum, request) => sum + (request.outputTokens ?? 0), 0),
    roundTrips: countRoundTrips(requests),
    critical: measureCriticalPath(perRequest, LATENCY),
    ...(requests.length === 0 ? {} : { headMs: firstStart - run.startedAt, tailMs: run.endedAt - lastEnd }),
    perRequest,
    coverage: checkCoverage(options.staged, requests),
    trace: summariseTrace(parseTrace(run.stderr)),
    message: run.stdout.trim(),
    traceText,
    ...(run.code === 0 ? {} : { error: lastLine ?? `exit ${run.code}` }),
  };
}
