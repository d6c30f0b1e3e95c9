// `npm run bench:e2e`: `git ai commit --dry-run` end to end against a latency-simulating provider on 127.0.0.1, on
// generated changes of 1 to 1,300 files. Flags: --quick (fewer cases, one repetition), --fresh (regenerate the
// repositories), --cases 1,30, --reps N, --dist (measure a copy of dist/ instead of a build of the current sources),
// --set key=value (a git-ai setting for every run, as GIT_AI_<KEY>; repeatable, e.g. --set candidates=1),
// --node-arg=<option> (a Node option for the CLI's process, e.g. --node-arg=--cpu-prof; repeatable; given through
// NODE_OPTIONS, since the CLI runs through its launcher bin/git-ai as a user's does, so only options Node allows there),
// --node <path> (the Node binary that runs the CLI, e.g. one from `npm i node@24` in a scratch folder; default: the
// one running the bench, so `~/node24/bin/node --import tsx bench/e2e.bench.ts` measures Node 24 too).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startProviderServer } from '../test/support/provider-server.js';
import { isolatedEnv } from './env.js';
import { median } from './measure.js';
import { buildE2eCli, copyDist } from './e2e/build-cli.js';
import { E2E_CASES, LATENCY, QUICK_CASES } from './e2e/cases.js';
import { ensureE2eRepo } from './e2e/generate.js';
import { E2E_DIR, RESULTS_FILE } from './e2e/paths.js';
import { renderReport } from './e2e/report.js';
import { createRealisticResponder } from './e2e/responder.js';
import { runCli } from './e2e/run-cli.js';
import { runE2eCase, type CaseResult } from './e2e/run-case.js';
import { checkTargets } from './e2e/targets.js';

const DEFAULT_REPS = 3;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

function readFlags() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      dist: { type: 'boolean', default: false },
      cases: { type: 'string' },
      reps: { type: 'string' },
      set: { type: 'string', multiple: true },
      'node-arg': { type: 'string', multiple: true },
      node: { type: 'string' },
      'cold-code': { type: 'boolean', default: false },
    },
  });
  const names =
    values.cases
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean) ?? (values.quick ? QUICK_CASES : undefined);
  const unknown = names?.filter((name) => !E2E_CASES.some((item) => item.spec.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `Unknown case(s) ${unknown.join(', ')}; known: ${E2E_CASES.map((item) => item.spec.name).join(', ')}`,
    );
  const reps = values.reps === undefined ? (values.quick ? 1 : DEFAULT_REPS) : Number.parseInt(values.reps, 10);
  if (!(reps >= 1)) throw new Error('--reps takes a whole number of at least 1');
  return { ...values, names, reps, settings: parseSettings(values.set ?? []), nodeArgs: values['node-arg'] ?? [] };
}

/** `max-tokens=4000` -> GIT_AI_MAX_TOKENS=4000, as git-ai reads its settings from the environment. */
function parseSettings(pairs: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--set takes key=value, got '${pair}'`);
    settings[`GIT_AI_${pair.slice(0, at).trim().toUpperCase().replaceAll('-', '_')}`] = pair.slice(at + 1);
  }
  return settings;
}

/** Node's start-up and the CLI's own loading, the floor under every wall time. */
async function startupMs(cli: string, node: string): Promise<number> {
  const samples: number[] = [];
  for (let k = 0; k < 3; k++)
    samples.push((await runCli({ cli, args: ['--version'], cwd: E2E_DIR, env: isolatedEnv(), node })).ms);
  return median(samples);
}

async function main(): Promise<void> {
  const flags = readFlags();
  const started = performance.now();
  mkdirSync(E2E_DIR, { recursive: true });
  const cli = flags.dist ? copyDist() : await buildE2eCli();
  log(`CLI: ${flags.dist ? 'copy of dist/' : 'built from the current sources'} (${cli})`);
  const node = flags.node ?? process.execPath;
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const startup = await startupMs(cli, node);
  const responder = createRealisticResponder();
  const server = await startProviderServer({ apiKey: 'x', respond: responder.respond, latency: LATENCY });
  const results: CaseResult[] = [];
  const loadBefore = loadavg()[0]!;
  try {
    for (const item of E2E_CASES.filter(
      (candidate) => flags.names === undefined || flags.names.includes(candidate.spec.name),
    )) {
      const generating = performance.now();
      const repo = ensureE2eRepo(item.spec, { fresh: flags.fresh });
      log(
        `case ${item.spec.name}: ${repo.created ? `generated in ${Math.round(performance.now() - generating)} ms` : 'reused'} (${(repo.diffBytes / 1e6).toFixed(2)} MB of diff) ${repo.dir}`,
      );
      results.push(
        await runE2eCase({
          item,
          repoDir: repo.dir,
          diffBytes: repo.diffBytes,
          cli,
          server,
          responder,
          reps: flags.reps,
          settings: flags.settings,
          nodeArgs: flags.nodeArgs,
          node,
          coldCode: flags['cold-code'],
          log,
        }),
      );
    }
  } finally {
    await server.close();
  }
  const summaries = results.map((result) => result.summary);
  const checks = checkTargets(summaries);
  const header = [
    `Node ${nodeVersion} (${node})`,
    `CLI ${flags.dist ? 'dist/ (copy)' : 'built from the current sources'}, run through bin/git-ai; \`git-ai --version\` takes ${(startup / 1000).toFixed(2)} s (the floor of every run)`,
    ...(Object.keys(flags.settings).length === 0
      ? []
      : [
          `settings: ${Object.entries(flags.settings)
            .map(([key, value]) => `${key}=${value}`)
            .join(' ')}`,
        ]),
    ...(flags.nodeArgs.length === 0 ? [] : [`node options: ${flags.nodeArgs.join(' ')}`]),
    flags['cold-code']
      ? 'code cache: none (--cold-code): every cold run also compiles the CLI and writes its Node 20 code cache, as a first run ever does'
      : "code cache: primed by one unrecorded run per case, as on a user's second commit (the commands chunk's V8 code cache; Node 22+ keeps its own compile cache of the other chunks)",
    `${flags.reps} repetition(s) per case; ${cpus().length} CPUs, load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ];
  process.stdout.write(renderReport({ summaries, checks, header }));
  const json = {
    generatedAt: new Date().toISOString(),
    latency: LATENCY,
    reps: flags.reps,
    settings: flags.settings,
    nodeArgs: flags.nodeArgs,
    node: nodeVersion,
    cliStartupMs: startup,
    dist: flags.dist,
    loadavg: [loadBefore, loadavg()[0]],
    summaries,
    targets: checks,
    runs: results.map((result) => ({ case: result.summary.name, runs: result.runs })),
  };
  // A run with --set or --node-arg is an experiment: it leaves the default run's results.json alone.
  const file =
    Object.keys(flags.settings).length > 0 || flags.nodeArgs.length > 0
      ? RESULTS_FILE.replace(/\.json$/, '-set.json')
      : RESULTS_FILE.replace(/\.json$/, `-node${nodeVersion.replace(/^v(\d+).*/, '$1')}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`results: ${file}`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
