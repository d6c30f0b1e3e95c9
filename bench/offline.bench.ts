// `npm run bench:offline`: what reading the history and the offline engine's inference cost on a one-file change,
// and the whole one-file `git ai commit --dry-run`, in a repository with 300 conventional commits over 120 files.
// Timings are medians; `git-ai --version` (start-up alone) and `node -e 0` (Node's own floor) are measured in the same
// run, with the environment as it is and, when it sets one, without NODE_EXTRA_CA_CERTS. Flags: --reps N
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

const total = (history: number[], inference: number[]): number => median(history) + median(inference);

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
      await writeLocalMessage({ files, history: read, config });
      inference.push(performance.now() - between);
      history.push(between - started);
    }
    const { cli, node, reps } = flags;
    const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const lines = [
      `load average ${load.toFixed(2)} at start; one staged file, 300 commits of history; Node ${nodeVersion}; ${cli}`,
      `reading the history (git log of 300 commits): ${median(history).toFixed(1)} ms`,
      `offline inference (analysis, type model, scope, subject): ${median(inference).toFixed(1)} ms`,
      `history + inference: ${total(history, inference).toFixed(1)} ms (target <= ${HISTORY_TARGET_MS} ms) — ${total(history, inference) <= HISTORY_TARGET_MS ? 'PASS' : 'FAIL'}`,
    ];
    // The environment as it is, and, where it names one, without NODE_EXTRA_CA_CERTS: Node 20 parses that bundle at
    // start-up (~90 ms for Debian's), before any of git-ai's code. `node -e 0` in each is Node's own floor.
    const variants: { name: string; env: NodeJS.ProcessEnv }[] = [{ name: 'environment as it is', env }];
    if (env.NODE_EXTRA_CA_CERTS !== undefined) {
      const without = { ...env };
      delete without.NODE_EXTRA_CA_CERTS;
      variants[0]!.name = `with NODE_EXTRA_CA_CERTS=${env.NODE_EXTRA_CA_CERTS}`;
      variants.push({ name: 'NODE_EXTRA_CA_CERTS unset', env: without });
    }
    const runs = [
      { name: 'git ai commit --dry-run', cli, args: ['commit', '--dry-run'] },
      { name: 'git-ai --version', cli, args: ['--version'] },
      { name: 'node -e 0', cli: '-e', args: ['0'] },
    ];
    const samples = variants.map(() => runs.map(() => ({ ms: [] as number[], cpu: [] as number[] })));
    for (let rep = 0; rep < reps; rep += 1)
      for (const [v, variant] of variants.entries())
        for (const [r, run] of runs.entries()) {
          const sample = await sampleCli({ cli: run.cli, args: run.args, cwd: dir, env: variant.env, node });
          samples[v]![r]!.ms.push(sample.ms);
          samples[v]![r]!.cpu.push(sample.cpuMs ?? Number.NaN);
        }
    for (const [v, variant] of variants.entries()) {
      const [dryRun, version, floor] = samples[v]!.map(({ ms, cpu }) => ({ s: median(ms) / 1000, cpu: median(cpu) }));
      const passed = dryRun!.s <= DRY_RUN_TARGET_S ? 'PASS' : 'FAIL';
      lines.push(
        `${variant.name} (medians of ${reps}, interleaved; CPU is the process's own, git's not included):`,
        `  git ai commit --dry-run: ${dryRun!.s.toFixed(3)} s, CPU ${dryRun!.cpu.toFixed(0)} ms (target <= ${DRY_RUN_TARGET_S} s) — ${passed}`,
        `  git-ai --version: ${version!.s.toFixed(3)} s, CPU ${version!.cpu.toFixed(0)} ms; node -e 0 (Node's floor): ${floor!.s.toFixed(3)} s, CPU ${floor!.cpu.toFixed(0)} ms`,
        `  git-ai's own beyond the floor: dry run ${((dryRun!.s - floor!.s) * 1000).toFixed(0)} ms, --version ${((version!.s - floor!.s) * 1000).toFixed(0)} ms`,
      );
    }
    lines.push(`load average at the end ${(loadavg()[0] ?? 0).toFixed(2)}`);
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
