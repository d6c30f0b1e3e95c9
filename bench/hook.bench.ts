// npm run bench:hook — what the prepare-commit-msg hook costs a commit: `git commit -m` with git-ai's hook against a
// hook that is only `exit 0` (the target: at most 1.1x), and `git commit --no-edit` with the hook on a one-file change,
// offline engine. Medians over interleaved samples, so both sides see the same machine load.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { BENCH_TMP, PROJECT_ROOT, isolatedEnv } from './env.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 21);
const CLI = join(PROJECT_ROOT, 'dist/cli.js');
const root = join(BENCH_TMP, 'hook');
const env = isolatedEnv({ GIT_EDITOR: 'true' });

function git(cwd: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim()}`);
}

/** A repository with one commit and `hook` as its prepare-commit-msg ('git-ai' installs ours). */
function makeRepo(name: string, hook: 'git-ai' | 'exit-0'): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  writeFileSync(join(dir, 'src/math.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
  git(dir, ['add', '.']);
  git(dir, ['commit', '-q', '-m', 'feat(math): add add']);
  if (hook === 'exit-0')
    writeFileSync(join(dir, '.git/hooks/prepare-commit-msg'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  else {
    const installed = spawnSync(process.execPath, [CLI, 'hook', 'install'], { cwd: dir, env, encoding: 'utf8' });
    if (installed.status !== 0) throw new Error(`git-ai hook install failed: ${installed.stderr.trim()}`);
  }
  return dir;
}

let counter = 0;
/** One commit of a one-file change; the time of `git commit` alone. */
function timeCommit(dir: string, args: string[]): number {
  counter += 1;
  writeFileSync(
    join(dir, 'src/math.ts'),
    `export function add(a: number, b: number) {\n  return a + b + ${counter};\n}\n`,
  );
  git(dir, ['add', '.']);
  const started = performance.now();
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd: dir, env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`git commit ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return ms;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function main(): void {
  if (spawnSync(process.execPath, [CLI, '--version']).status !== 0)
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  rmSync(root, { recursive: true, force: true });
  const ours = makeRepo('git-ai', 'git-ai');
  const plain = makeRepo('exit-0', 'exit-0');
  const noHook = makeRepo('none', 'exit-0');
  rmSync(join(noHook, '.git/hooks/prepare-commit-msg'));
  const load = loadavg()[0]?.toFixed(2);
  const times = { ours: [] as number[], plain: [] as number[], none: [] as number[], noEdit: [] as number[] };
  timeCommit(ours, ['--no-edit']); // warm the compile cache (Node >= 22) and the page cache
  for (let sample = 0; sample < SAMPLES; sample++) {
    times.ours.push(timeCommit(ours, ['-m', 'by hand']));
    times.plain.push(timeCommit(plain, ['-m', 'by hand']));
    times.none.push(timeCommit(noHook, ['-m', 'by hand']));
    times.noEdit.push(timeCommit(ours, ['--no-edit']));
  }
  const [mOurs, mPlain, mNone, mNoEdit] = [times.ours, times.plain, times.none, times.noEdit].map(median) as [
    number,
    number,
    number,
    number,
  ];
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, load ${load} at start, ${SAMPLES} interleaved samples, medians:`,
  );
  console.log(`git commit -m, no hook:                 ${mNone.toFixed(1)} ms`);
  console.log(`git commit -m, hook \`exit 0\`:           ${mPlain.toFixed(1)} ms`);
  console.log(
    `git commit -m, git-ai's hook:           ${mOurs.toFixed(1)} ms (${(mOurs / mPlain).toFixed(2)}x the \`exit 0\` hook; target <= 1.10x)`,
  );
  console.log(
    `git commit --no-edit, git-ai's hook:    ${mNoEdit.toFixed(1)} ms (one-file change, offline engine; ${(mNoEdit / mPlain).toFixed(1)}x)`,
  );
  rmSync(root, { recursive: true, force: true });
}

main();
