// npm run bench:rules — what the repository's rules cost a commit: the offline `git ai commit --dry-run` of a one-file
// change in a repository without a commitlint configuration, with @commitlint/config-conventional, and with the
// branch's ticket; `git diff --cached` as the floor. Then the import of the bundled commitlint chunk against the
// repository's own copies. Medians over interleaved samples, so every side sees the same machine load.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { BENCH_TMP, PROJECT_ROOT, isolatedEnv } from './env.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const CLI = join(PROJECT_ROOT, 'dist/cli.js');
const root = join(BENCH_TMP, 'rules');
const env = isolatedEnv({});

function run(cwd: string, command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim()}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function makeRepo(name: string, options: { commitlint?: boolean; branch?: string }): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  run(dir, 'git', ['init', '-q', '-b', options.branch ?? 'main']);
  writeFileSync(join(dir, 'src/math.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
  run(dir, 'git', ['add', '.']);
  run(dir, 'git', ['commit', '-q', '-m', 'feat(math): add add']);
  if (options.commitlint) {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'commitlint.config.mjs'),
      "export default { extends: ['@commitlint/config-conventional'] };\n",
    );
    writeFileSync(join(dir, '.git/info/exclude'), 'node_modules\ncommitlint.config.mjs\n');
  }
  writeFileSync(
    join(dir, 'src/math.ts'),
    'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function multiply(a: number, b: number) {\n  return a * b;\n}\n',
  );
  run(dir, 'git', ['add', '.']);
  return dir;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

rmSync(root, { recursive: true, force: true });
const repos = {
  'no commitlint config': makeRepo('plain', {}),
  'config-conventional': makeRepo('conventional', { commitlint: true }),
  'ticket branch (feature/PROJ-123-x)': makeRepo('ticket', { branch: 'feature/PROJ-123-login' }),
};
const samples: Record<string, number[]> = { 'git diff --cached': [] };
for (const name of Object.keys(repos)) samples[name] = [];
for (let index = 0; index < SAMPLES; index++) {
  samples['git diff --cached']!.push(run(repos['no commitlint config'], 'git', ['diff', '--cached']));
  for (const [name, dir] of Object.entries(repos))
    samples[name]!.push(run(dir, process.execPath, [CLI, 'commit', '--dry-run']));
}

const chunk = readdirSync(join(PROJECT_ROOT, 'dist')).find((file) => file.startsWith('bundled-'));
const importTimes = { bundled: [] as number[], repository: [] as number[] };
for (let index = 0; index < 5; index++) {
  const probe = (specifiers: string[]) =>
    Number(
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); for (const s of ${JSON.stringify(specifiers)}) await import(s); console.log(performance.now() - t);`,
        ],
        { encoding: 'utf8' },
      ).stdout.trim(),
    );
  importTimes.bundled.push(probe([join(PROJECT_ROOT, 'dist', chunk ?? 'missing.js')]));
  importTimes.repository.push(
    probe(
      ['@commitlint/load', '@commitlint/lint'].map((name) =>
        join(PROJECT_ROOT, 'node_modules', name, 'lib', name.endsWith('load') ? 'load.js' : 'lint.js'),
      ),
    ),
  );
}

const floor = median(samples['git diff --cached']!);
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}; ${SAMPLES} interleaved samples`,
);
for (const [name, values] of Object.entries(samples))
  console.log(
    `${name.padEnd(36)} ${median(values).toFixed(0).padStart(5)} ms${name === 'git diff --cached' ? '' : `  (${(median(values) / floor).toFixed(1)}x git)`}`,
  );
console.log(
  `import: bundled chunk ${median(importTimes.bundled).toFixed(0)} ms, the repository's @commitlint/load + lint ${median(importTimes.repository).toFixed(0)} ms (median of 5)`,
);
rmSync(root, { recursive: true, force: true });
