// Real git repositories in temporary folders, with an isolated HOME so the user's config never leaks in.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeLine, seededRandom } from './synthetic-diff.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILT_CLI = join(PROJECT_ROOT, 'dist/cli.js');

export interface TempRepo {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  cleanup(): void;
}

/**
 * An environment with nothing of the developer's or the CI runner's: fresh HOME and XDG dirs, no system git config,
 * no provider keys, no proxies, and no CI / NO_COLOR / FORCE_COLOR (which turn the terminal's spinner off).
 */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GIT_|OPENAI_|ANTHROPIC_|GOOGLE_|GEMINI_|XDG_)/.test(key)) continue;
    if (/^(CI|NO_COLOR|FORCE_COLOR|(HTTPS?|NO|ALL)_PROXY)$/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    GIT_EDITOR: 'true',
    ...extra,
  };
}

export function createTempRepo(options: { init?: boolean } = {}): TempRepo {
  const root = mkdtempSync(join(tmpdir(), 'git-ai-test-'));
  const home = join(root, 'home');
  const dir = join(root, 'repo');
  mkdirSync(home, { recursive: true });
  mkdirSync(dir, { recursive: true });
  const env = isolatedEnv(home);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (options.init !== false) {
    git('init', '-q', '-b', 'main');
    git('config', 'commit.gpgsign', 'false');
  }
  return {
    dir,
    home,
    env,
    git,
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A Conventional Commits header line, as every engine must write one. */
export const CONVENTIONAL_HEADER =
  /^(feat|fix|refactor|perf|docs|test|build|ci|chore|style|revert)(\([^)]+\))?!?: \S.*$/;
/** src/math.ts as first committed by createMathRepo, and with a second exported function. */
export const MATH_SOURCE = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
export const MATH_WITH_MULTIPLY =
  'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function multiply(a: number, b: number) {\n  return a * b;\n}\n';

/** A repository with one commit, `feat(math): add add`, of src/math.ts (MATH_SOURCE). */
export function createMathRepo(): TempRepo {
  const repo = createTempRepo();
  repo.write('src/math.ts', MATH_SOURCE);
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'feat(math): add add');
  return repo;
}

/** A repository with one commit (README.md), then `count` generated source files written, not staged. */
export function createRepoWithSources(options: {
  count: number;
  lines: number;
  pathOf: (index: number) => string;
}): TempRepo {
  const repo = createTempRepo();
  repo.write('README.md', '# demo\n');
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'chore: init');
  const random = seededRandom(options.count);
  for (let index = 0; index < options.count; index++) {
    repo.write(options.pathOf(index), Array.from({ length: options.lines }, () => codeLine(random)).join('\n') + '\n');
  }
  return repo;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js) as a user would, without a TTY. */
export function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): CliResult {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** As runCli, without blocking the event loop: for tests whose own process serves the CLI (a loopback provider). */
export function runCliAsync(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; cli?: string },
): Promise<CliResult> {
  return runProcess(process.execPath, [options.cli ?? BUILT_CLI, ...args], options);
}

/** Runs a command without a TTY and without blocking the event loop, collecting its output; `onStart` gets the child. */
export function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onStart?: (child: ChildProcess) => void },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    options.onStart?.(child);
  });
}
