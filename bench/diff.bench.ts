// `npm run bench`: raw `git diff --cached`, parsing, budgeting and the whole `git ai prompt` on generated
// repositories of every size, one thread against the worker pool. Flags: --quick, --fresh, --cases 1,50,
// --reps N, --no-sweep, --build-cli (measure a CLI built from the current sources instead of dist/cli.js), --ops
// prompt,commit (only these operations beside raw git: parse, commit, collect, budget, prompt, prompt-pool),
// --budgets 8k (only the budgets whose label contains one of these).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POOL_THRESHOLD_BYTES } from '../src/pool/run-token-tasks.js';
import { buildCli, buildOperation, snapshotDist } from './build-operation.js';
import { CASES } from './cases.js';
import { BENCH_TMP, isolatedEnv, PROJECT_ROOT } from './env.js';
import { ensureRepo } from './generate-repo.js';
import { HAS_TIME, median, probeCli, sampleCli } from './measure.js';
import { runPoolSweep, SWEEP_SIZES, type SweepPoint } from './pool-sweep.js';
import { renderReport } from './report.js';
import { checkRequestWindows } from './request-window.js';
import { OPERATIONS, runCase, type CliTarget, type Operation, type Row } from './run-case.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function readFlags() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      cases: { type: 'string' },
      reps: { type: 'string' },
      'no-sweep': { type: 'boolean', default: false },
      'build-cli': { type: 'boolean', default: false },
      ops: { type: 'string' },
      budgets: { type: 'string' },
    },
  });
  const names = values.cases
    ?.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names?.filter((name) => !CASES.some((item) => item.spec.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(`Unknown case(s) ${unknown.join(', ')}; known: ${CASES.map((item) => item.spec.name).join(', ')}`);
  const list = (value: string | undefined) =>
    value
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const ops = list(values.ops);
  const badOps = ops?.filter((op) => !(OPERATIONS as readonly string[]).includes(op)) ?? [];
  if (badOps.length > 0) throw new Error(`Unknown operation(s) ${badOps.join(', ')}; known: ${OPERATIONS.join(', ')}`);
  const reps = values.reps === undefined ? undefined : Number.parseInt(values.reps, 10);
  if (reps !== undefined && !(reps >= 1)) throw new Error('--reps takes a whole number of at least 1');
  return {
    ...values,
    names,
    reps,
    ops: ops ? new Set(ops as Operation[]) : undefined,
    budgets: list(values.budgets),
  };
}

async function resolveCli(build: boolean): Promise<CliTarget> {
  const dist = join(PROJECT_ROOT, 'dist/cli.js');
  if (!build && !existsSync(dist))
    return { path: dist, available: false, note: 'dist/cli.js does not exist (build it with `npx tsup`)' };
  const path = build ? await buildCli() : snapshotDist();
  const probe = await probeCli(path, isolatedEnv());
  return { path, available: probe.ok, note: probe.note };
}

async function cliStartupMs(cli: CliTarget): Promise<number | undefined> {
  if (!cli.available) return undefined;
  const samples: number[] = [];
  for (let k = 0; k < 3; k++)
    samples.push((await sampleCli({ cli: cli.path, args: ['--version'], cwd: BENCH_TMP, env: isolatedEnv() })).ms);
  return median(samples);
}

async function main(): Promise<void> {
  const flags = readFlags();
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  mkdirSync(BENCH_TMP, { recursive: true });
  const selected = CASES.filter((item) =>
    flags.names ? flags.names.includes(item.spec.name) : !flags.quick || item.quick,
  );
  log(`bundling the measured operation${flags['build-cli'] ? ' and the CLI' : ''}...`);
  const entry = await buildOperation();
  const cli = await resolveCli(flags['build-cli']);
  if (!cli.available) log(`git ai prompt: skipped, ${cli.note}`);

  const rows: Row[] = [];
  const windowChecks: string[] = [];
  for (const benchCase of selected) {
    const repo = ensureRepo(benchCase.spec, { fresh: flags.fresh });
    log(
      `case ${benchCase.spec.name}: ${repo.created ? `generated in ${(repo.generateMs / 1000).toFixed(1)} s` : 'reused'} (${repo.dir})`,
    );
    const reps = flags.reps ?? (flags.quick ? Math.min(3, benchCase.reps) : benchCase.reps);
    rows.push(
      ...(await runCase({
        benchCase,
        repoDir: repo.dir,
        entry,
        cli,
        reps,
        log,
        ops: flags.ops,
        budgets: flags.budgets,
      })),
    );
    for (const budget of benchCase.budgets ?? []) {
      if (budget.contextWindow === undefined || !cli.available) continue;
      const check = checkRequestWindows({
        cli: cli.path,
        cwd: repo.dir,
        env: isolatedEnv({ GIT_AI_CONTEXT_WINDOW: String(budget.contextWindow) }),
        args: ['prompt', '--model', budget.model, '--max-tokens', String(budget.maxTokens)],
        caseName: benchCase.spec.name,
        contextWindow: budget.contextWindow,
      });
      windowChecks.push(
        await check.catch((error: unknown) => `${benchCase.spec.name}: window check failed: ${String(error)}`),
      );
    }
  }

  let sweep: SweepPoint[] = [];
  if (!flags.quick && !flags['no-sweep']) {
    log('token fitting sweep, main thread against the pool...');
    sweep = await runPoolSweep({ entry, sizes: SWEEP_SIZES, reps: 3 });
  }

  const startup = await cliStartupMs(cli);
  const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
  const notes = [
    `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${gitVersion}; a shared machine, so figures move by some percent between runs.`,
    "Operations other than `git ai prompt` run in a fresh Node process each (bundled like the CLI) that times its own work, start-up excluded; peak RSS is that process's maxRSS (worker threads included).",
    `\`git ai prompt\` is timed from spawn to exit, Node start-up included${startup === undefined ? '' : ` (\`git-ai --version\` alone: ${Math.round(startup)} ms)`}, as is \`git ai commit --dry-run\` (offline, no provider); their peak RSS is the git-ai process's own (git's is in the raw git row).`,
    "CPU ms is the measured process's own CPU time (user + system, median), which a loaded machine inflates far less than wall time: for the CLI its own process (git's not included), for raw git git's own in one run under /usr/bin/time.",
    `Raw git's RSS in brackets is git's own (/usr/bin/time${HAS_TIME ? '' : ': not available here, so n/a'}); the figure before it is the Node process draining git's output.`,
    'git+collect (at the 1M budget) is the streaming collection alone, without redaction, listing or tokenizing: git+budget minus git+collect is what the rest costs.',
    `Load average (1 min) ${loadBefore.toFixed(2)} before the run and ${loadavg()[0]!.toFixed(2)} after it: above ~1 other work shared the 2 cores, which hurts the pool most.`,
    cli.available
      ? `CLI measured: ${flags['build-cli'] ? 'built from the current sources' : 'dist/, as copied at the start of the run'} (${cli.path}).`
      : `\`git ai prompt\` not measured: ${cli.note}.`,
  ];
  const report = renderReport({
    rows,
    sweep,
    hasTime: HAS_TIME,
    thresholdBytes: DEFAULT_POOL_THRESHOLD_BYTES,
    notes,
    extraTargets: windowChecks,
  });
  process.stdout.write(report);
  const results = {
    date: new Date().toISOString(),
    durationMs: performance.now() - started,
    thresholdBytes: DEFAULT_POOL_THRESHOLD_BYTES,
    cli,
    rows,
    sweep,
    windowChecks,
    notes,
  };
  writeFileSync(join(BENCH_TMP, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in .bench-tmp/results.json`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
