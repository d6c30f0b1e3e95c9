// `npm run bench:offline`: what reading the history and the offline engine's inference cost on a one-file change,
// and the whole one-file `git ai commit --dry-run`, in a repository with 300 conventional commits over 120 files.
// Timings are medians; the ratio to `git-ai --version` (start-up alone) is measured in the same run. Flags: --reps N
// (CLI runs of each, interleaved; default 7), --node <path> (the Node binary that runs the CLI, e.g. one from
// `npm i node@24` in a scratch folder), --cli <path> (another build's cli.js; default dist/cli.js).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseUnifiedDiff } from '../src/diff/parse.js';
import { readHistory } from '../src/git/repo.js';
import { writeLocalMessage } from '../src/pipeline/generate.js';
import { parseConfig } from '../src/config/schema.js';
import { resolveConfig } from '../src/pipeline/body-choice.js';
import { BENCH_TMP, isolatedEnv, PROJECT_ROOT } from './env.js';
import { median, sampleCli } from './measure.js';

const TYPES = ['feat', 'fix', 'fix', 'chore', 'docs', 'refactor', 'test', 'perf'];
const SCOPES = ['core', 'cli', 'parser', 'runtime', ''];
const HISTORY_TARGET_MS = 100;
const DRY_RUN_TARGET_S = 0.25;

function createRepo(env: NodeJS.ProcessEnv): string {
  mkdirSync(BENCH_TMP, { recursive: true });
  const dir = mkdtempSync(join(BENCH_TMP, 'offline-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const file = (index: number) => `packages/${SCOPES[index % 4]}/src/module${index}.ts`;
  for (let index = 0; index < 120; index += 1)
    write(file(index), `export function f${index}(x: number) {\n  return x + ${index};\n}\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'chore: initial import');
  for (let commit = 0; commit < 300; commit += 1) {
    const index = (commit * 7) % 120;
    write(file(index), `export function f${index}(x: number) {\n  return x + ${index} + ${commit};\n}\n`);
    git('add', '.');
    const type = TYPES[commit % TYPES.length];
    const scope = SCOPES[commit % SCOPES.length];
    git('commit', '-q', '-m', `${type}${scope ? `(${scope})` : ''}: change ${commit} of module ${index}`);
  }
  write(file(3), 'export function f3(x: number) {\n  if (x < 0) return 0;\n  return x + 3;\n}\n');
  git('add', '.');
  return dir;
}

function readFlags() {
  const { values } = parseArgs({
    options: { reps: { type: 'string', default: '7' }, node: { type: 'string' }, cli: { type: 'string' } },
  });
  const reps = Number.parseInt(values.reps, 10);
  if (!(reps >= 1)) throw new Error('--reps takes a whole number of at least 1');
  const node = values.node ?? process.execPath;
  return { reps, node, cli: resolve(values.cli ?? join(PROJECT_ROOT, 'dist/cli.js')) };
}

async function main(): Promise<void> {
  const flags = readFlags();
  const load = loadavg()[0] ?? 0;
  const env = isolatedEnv();
  const dir = createRepo(env);
  try {
    const config = resolveConfig(parseConfig({}), false);
    const diffText = execFileSync('git', ['diff', '--cached', '--no-color', '--no-ext-diff'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    const files = parseUnifiedDiff(diffText);
    const history: number[] = [];
    const inference: number[] = [];
    for (let rep = 0; rep < 15; rep += 1) {
      const started = performance.now();
      const read = await readHistory({ cwd: dir, env });
      const between = performance.now();
      writeLocalMessage({ files, history: read, config });
      inference.push(performance.now() - between);
      history.push(between - started);
    }
    const { cli, node, reps } = flags;
    const dryRun: number[] = [];
    const dryRunCpu: number[] = [];
    const startup: number[] = [];
    const startupCpu: number[] = [];
    for (let rep = 0; rep < reps; rep += 1) {
      const run = await sampleCli({ cli, args: ['commit', '--dry-run'], cwd: dir, env, node });
      dryRun.push(run.ms);
      dryRunCpu.push(run.cpuMs ?? Number.NaN);
      const version = await sampleCli({ cli, args: ['--version'], cwd: dir, env, node });
      startup.push(version.ms);
      startupCpu.push(version.cpuMs ?? Number.NaN);
    }
    const total = median(history) + median(inference);
    const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const lines = [
      `load average ${load.toFixed(2)} -> ${(loadavg()[0] ?? 0).toFixed(2)}; one staged file, 300 commits of history; Node ${nodeVersion}; ${cli}`,
      `reading the history (git log of 300 commits): ${median(history).toFixed(1)} ms`,
      `offline inference (analysis, type model, scope, subject): ${median(inference).toFixed(1)} ms`,
      `history + inference: ${total.toFixed(1)} ms (target <= ${HISTORY_TARGET_MS} ms) — ${total <= HISTORY_TARGET_MS ? 'PASS' : 'FAIL'}`,
      `git ai commit --dry-run: ${(median(dryRun) / 1000).toFixed(3)} s (target <= ${DRY_RUN_TARGET_S} s) — ${median(dryRun) / 1000 <= DRY_RUN_TARGET_S ? 'PASS' : 'FAIL'}; git-ai --version alone ${(median(startup) / 1000).toFixed(3)} s (${(median(dryRun) / median(startup)).toFixed(2)}x)`,
      `CPU time of the CLI process (git's not included): dry run ${median(dryRunCpu).toFixed(0)} ms, --version ${median(startupCpu).toFixed(0)} ms`,
    ];
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
