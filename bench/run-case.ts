// Measures every operation of one case, repetitions interleaved so that drift on a shared machine hits all alike.
import { loadavg } from 'node:os';
import { BUDGETS, PROMPT_TOKENS, RESERVED_OUTPUT, type BenchCase, type Budget } from './cases.js';
import { isolatedEnv } from './env.js';
import { median, sampleCli, sampleGitRss, sampleOperation, type Sample } from './measure.js';
import type { OperationRequest } from './operation.js';

export type Mode = 'main' | 'pool' | 'auto';

export interface Row {
  caseName: string;
  files?: number;
  diffBytes?: number;
  operation: 'raw git' | 'git+parse' | 'git+collect' | 'git+budget' | 'git ai prompt' | 'git ai commit';
  budget?: string;
  mode?: Mode;
  samplesMs: number[];
  medianMs?: number;
  /** medianMs over the raw git median of the same case. */
  ratio?: number;
  /** Largest peak RSS over the samples, KB. */
  peakRssKB?: number;
  gitRssKB?: number;
  /** Median CPU time (user + system, ms) of the CLI's own process; for raw git, git's own in one timed run. */
  cpuMs?: number;
  cpuSamplesMs?: number[];
  /** For auto: whether it ran the fitting on the pool. */
  onPool?: boolean;
  note?: string;
}

export interface CliTarget {
  path: string;
  available: boolean;
  note: string;
}

export interface RunCaseOptions {
  benchCase: BenchCase;
  repoDir: string;
  /** The bundled operation entry. */
  entry: string;
  cli: CliTarget;
  reps: number;
  log: (line: string) => void;
  /** The operations to measure (raw git always is, as the ratio's base); all when absent. */
  ops?: ReadonlySet<Operation>;
  /** Only the budgets whose label contains one of these; all when absent. */
  budgets?: readonly string[];
}

/** What `--ops` names: each operation, and the CLI's runs on one thread or on the pool. */
export const OPERATIONS = ['parse', 'commit', 'collect', 'budget', 'prompt', 'prompt-pool'] as const;
export type Operation = (typeof OPERATIONS)[number];

interface Job {
  row: Row;
  reps: number;
  sample: () => Promise<Sample>;
}

function budgetRequest(cwd: string, budget: Budget, op: 'collect' | 'budget', mode?: Mode): OperationRequest {
  return {
    op,
    cwd,
    model: budget.model,
    maxTokens: budget.maxTokens,
    promptTokens: PROMPT_TOKENS,
    reservedOutput: RESERVED_OUTPUT,
    mode,
  };
}

function planJobs(options: RunCaseOptions): Job[] {
  const wanted = (op: Operation) => options.ops === undefined || options.ops.has(op);
  const jobs = allJobs(options);
  return jobs.filter(({ row }) => {
    if (row.operation === 'raw git') return true;
    if (
      row.budget &&
      row.budget !== 'offline' &&
      options.budgets &&
      !options.budgets.some((b) => row.budget!.includes(b))
    )
      return false;
    if (row.operation === 'git+parse') return wanted('parse');
    if (row.operation === 'git ai commit') return wanted('commit');
    if (row.operation === 'git+collect') return wanted('collect');
    if (row.operation === 'git+budget') return wanted('budget');
    return wanted(row.mode === 'pool' ? 'prompt-pool' : 'prompt');
  });
}

function allJobs(options: RunCaseOptions): Job[] {
  const { repoDir: cwd, entry, cli, reps } = options;
  const caseName = options.benchCase.spec.name;
  const env = isolatedEnv();
  const op = (request: OperationRequest) => () => sampleOperation(entry, request, env);
  const jobs: Job[] = [
    { row: { caseName, operation: 'raw git', samplesMs: [] }, reps, sample: op({ op: 'raw', cwd }) },
    { row: { caseName, operation: 'git+parse', samplesMs: [] }, reps, sample: op({ op: 'parse', cwd }) },
  ];
  // The default command with no provider: the offline engine, as the hook runs it.
  const commitRow: Row = { caseName, operation: 'git ai commit', budget: 'offline', samplesMs: [] };
  if (!cli.available) commitRow.note = `skipped: ${cli.note}`;
  jobs.push({
    row: commitRow,
    reps: cli.available ? reps : 0,
    sample: () => sampleCli({ cli: cli.path, args: ['commit', '--dry-run'], cwd, env }),
  });
  for (const budget of options.benchCase.budgets ?? BUDGETS) {
    const row = (operation: Row['operation'], mode?: Mode): Row => ({
      caseName,
      operation,
      budget: budget.label,
      mode,
      samplesMs: [],
    });
    if (budget.collect) jobs.push({ row: row('git+collect'), reps, sample: op(budgetRequest(cwd, budget, 'collect')) });
    // The in-process budgeting knows no window but the model's: a smaller window is measured through the CLI only.
    if (budget.contextWindow === undefined) {
      for (const mode of ['main', 'pool'] as const)
        jobs.push({ row: row('git+budget', mode), reps, sample: op(budgetRequest(cwd, budget, 'budget', mode)) });
      // What auto picks is decided per run, not timed against the others: one sample.
      jobs.push({ row: row('git+budget', 'auto'), reps: 1, sample: op(budgetRequest(cwd, budget, 'budget', 'auto')) });
    }
    for (const mode of ['main', 'pool'] as const) {
      const cliRow = row('git ai prompt', mode);
      if (!cli.available) cliRow.note = `skipped: ${cli.note}`;
      const args = ['prompt', '--model', budget.model, '--max-tokens', String(budget.maxTokens)];
      jobs.push({
        row: cliRow,
        reps: cli.available ? reps : 0,
        sample: () =>
          sampleCli({
            cli: cli.path,
            args,
            cwd,
            env: isolatedEnv({
              GIT_AI_POOL: mode,
              ...(budget.contextWindow ? { GIT_AI_CONTEXT_WINDOW: String(budget.contextWindow) } : {}),
            }),
          }),
      });
    }
  }
  return jobs;
}

function record(row: Row, sample: Sample): void {
  row.samplesMs.push(sample.ms);
  if (sample.maxRssKB !== undefined) row.peakRssKB = Math.max(row.peakRssKB ?? 0, sample.maxRssKB);
  if (sample.cpuMs !== undefined) (row.cpuSamplesMs ??= []).push(sample.cpuMs);
  if (sample.bytes !== undefined && row.operation === 'raw git') row.diffBytes = sample.bytes;
  if (sample.files !== undefined && row.operation === 'git+parse') row.files = sample.files;
  if (sample.onPool !== undefined) row.onPool = sample.onPool;
}

export async function runCase(options: RunCaseOptions): Promise<Row[]> {
  const jobs = planJobs(options);
  const rounds = Math.max(...jobs.map((job) => job.reps));
  for (let round = 0; round < rounds; round++) {
    for (const job of jobs) {
      if (round >= job.reps || job.row.note?.startsWith('failed')) continue;
      try {
        record(job.row, await job.sample());
      } catch (error) {
        job.row.note = `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
      }
    }
    options.log(
      `  case ${options.benchCase.spec.name}: round ${round + 1}/${rounds} done (load average ${loadavg()[0]!.toFixed(2)})`,
    );
  }
  const rows = jobs.map((job) => job.row);
  const raw = rows[0]!;
  const git = await sampleGitRss(options.entry, options.repoDir, isolatedEnv());
  raw.gitRssKB = git?.rssKB;
  raw.cpuMs = git?.cpuMs;
  const rawMedian = raw.samplesMs.length > 0 ? median(raw.samplesMs) : undefined;
  const files = rows.find((row) => row.operation === 'git+parse')?.files;
  for (const row of rows) {
    row.files = files;
    row.diffBytes = raw.diffBytes;
    if (row.samplesMs.length === 0) continue;
    row.medianMs = median(row.samplesMs);
    if (row.cpuSamplesMs?.length) row.cpuMs = median(row.cpuSamplesMs);
    if (rawMedian !== undefined) row.ratio = row.medianMs / rawMedian;
  }
  return rows;
}
