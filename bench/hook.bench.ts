// npm run bench:hook — what the prepare-commit-msg hook costs a commit: `git commit -m` with git-ai's hook against a
// hook that is only `exit 0` (the target: at most 1.1x), and `git commit --no-edit` with the hook on a one-file change,
// offline engine; with the environment as it is and without NODE_EXTRA_CA_CERTS, `node -e 0` beside each as Node's
// own floor. Medians over interleaved samples, so both sides see the same machine load.
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
function timeCommit(dir: string, args: string[], runEnv: NodeJS.ProcessEnv): number {
  counter += 1;
  writeFileSync(
    join(dir, 'src/math.ts'),
    `export function add(a: number, b: number) {\n  return a + b + ${counter};\n}\n`,
  );
  git(dir, ['add', '.']);
  const started = performance.now();
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd: dir, env: runEnv, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`git commit ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return ms;
}

/** Node's own floor: `node -e 0`, in the same environment. */
function timeNode(runEnv: NodeJS.ProcessEnv): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env: runEnv });
  return performance.now() - started;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

interface Times {
  ours: number[];
  plain: number[];
  none: number[];
  noEdit: number[];
  node: number[];
}

function main(): void {
  if (spawnSync(process.execPath, [CLI, '--version']).status !== 0)
    throw new Error('dist/cli.js is missing: run `npm run build` first');
  rmSync(root, { recursive: true, force: true });
  const ours = makeRepo('git-ai', 'git-ai');
  const plain = makeRepo('exit-0', 'exit-0');
  const noHook = makeRepo('none', 'exit-0');
  rmSync(join(noHook, '.git/hooks/prepare-commit-msg'));
  const load = loadavg()[0]?.toFixed(2);
  // The environment as it is, and, where it names one, without NODE_EXTRA_CA_CERTS (Node 20 parses that bundle at
  // start-up, before any of git-ai's code): both reported, the first never hidden.
  const variants: { name: string; env: NodeJS.ProcessEnv; times: Times }[] = [
    { name: 'environment as it is', env, times: { ours: [], plain: [], none: [], noEdit: [], node: [] } },
  ];
  if (env.NODE_EXTRA_CA_CERTS !== undefined) {
    const without = { ...env };
    delete without.NODE_EXTRA_CA_CERTS;
    variants[0]!.name = `with NODE_EXTRA_CA_CERTS=${env.NODE_EXTRA_CA_CERTS}`;
    variants.push({
      name: 'NODE_EXTRA_CA_CERTS unset',
      env: without,
      times: { ours: [], plain: [], none: [], noEdit: [], node: [] },
    });
  }
  timeCommit(ours, ['--no-edit'], env); // warm the compile cache (Node >= 22) and the page cache
  for (let sample = 0; sample < SAMPLES; sample++)
    for (const { env: runEnv, times } of variants) {
      times.ours.push(timeCommit(ours, ['-m', 'by hand'], runEnv));
      times.plain.push(timeCommit(plain, ['-m', 'by hand'], runEnv));
      times.none.push(timeCommit(noHook, ['-m', 'by hand'], runEnv));
      times.noEdit.push(timeCommit(ours, ['--no-edit'], runEnv));
      times.node.push(timeNode(runEnv));
    }
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, load ${load} at start, ${SAMPLES} interleaved samples, medians:`,
  );
  for (const { name, times } of variants) {
    const [mOurs, mPlain, mNone, mNoEdit, mNode] = [times.ours, times.plain, times.none, times.noEdit, times.node].map(
      median,
    ) as [number, number, number, number, number];
    console.log(`${name}:`);
    console.log(`  git commit -m, no hook:                 ${mNone.toFixed(1)} ms`);
    console.log(`  git commit -m, hook \`exit 0\`:           ${mPlain.toFixed(1)} ms`);
    console.log(
      `  git commit -m, git-ai's hook:           ${mOurs.toFixed(1)} ms (${(mOurs / mPlain).toFixed(2)}x the \`exit 0\` hook; target <= 1.10x)`,
    );
    console.log(
      `  git commit --no-edit, git-ai's hook:    ${mNoEdit.toFixed(1)} ms (one-file change, offline engine; ${(mNoEdit / mPlain).toFixed(1)}x)`,
    );
    console.log(
      `  node -e 0 (Node's floor):               ${mNode.toFixed(1)} ms; the hook's run beyond git and the floor: ${(mNoEdit - mPlain - mNode).toFixed(1)} ms`,
    );
  }
  console.log(`load ${loadavg()[0]?.toFixed(2)} at the end`);
  rmSync(root, { recursive: true, force: true });
}

main();
