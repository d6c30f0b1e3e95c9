// Runs the CLI as a child process, asynchronously (the provider server answers from this same process meanwhile), as a
// user runs it: through the package's launcher (bin/git-ai, package.json `bin`), which starts `node` from PATH.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../env.js';

export interface CliRun {
  /** Spawn to exit, as the user waits for it (Node's start-up included). */
  ms: number;
  /** Epoch milliseconds at spawn and at exit, to line the run up with the server's request times. */
  startedAt: number;
  endedAt: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `direct:<cli.js>` runs `node <cli.js>` itself, without the launcher (the bench's way before bin/git-ai existed). */
export const DIRECT_PREFIX = 'direct:';

const launchers = new Map<string, { launcher: string; nodeDir: string }>();
let launcherRoot: string | undefined;

/**
 * The launcher for a build (`<dir>/cli.js`): a copy of bin/git-ai in a package-like directory whose dist/ is a link to
 * the build, and a directory holding only a `node` that is the chosen binary, to put first on PATH.
 */
function launcherFor(cli: string, node: string): { launcher: string; nodeDir: string } {
  const key = `${cli}\0${node}`;
  const known = launchers.get(key);
  if (known) return known;
  if (basename(cli) !== 'cli.js') throw new Error(`the launcher starts dist/cli.js: ${cli} is not a build's cli.js`);
  if (launcherRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), 'git-ai-bench-launcher-'));
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
    launcherRoot = root;
  }
  const home = join(launcherRoot, String(launchers.size));
  mkdirSync(join(home, 'bin'), { recursive: true });
  mkdirSync(join(home, 'node'));
  copyFileSync(join(PROJECT_ROOT, 'bin/git-ai'), join(home, 'bin/git-ai'));
  symlinkSync(dirname(cli), join(home, 'dist'), 'dir');
  symlinkSync(node, join(home, 'node/node'));
  const made = { launcher: join(home, 'bin/git-ai'), nodeDir: join(home, 'node') };
  launchers.set(key, made);
  return made;
}

/** Node options for a run through the launcher: NODE_OPTIONS, which takes only the options Node allows there. */
function withNodeOptions(env: NodeJS.ProcessEnv, nodeArgs: readonly string[]): NodeJS.ProcessEnv {
  if (nodeArgs.length === 0) return env;
  const quoted = nodeArgs.map((arg) => `"${arg.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, ...quoted].filter(Boolean).join(' ') };
}

export function runCli(options: {
  /** The build's cli.js, run through the launcher; `direct:<cli.js>` to run it with node itself. */
  cli: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Node options: through NODE_OPTIONS for the launcher (so only those Node allows there), else on node's line. */
  nodeArgs?: string[];
  /** The Node binary to run the CLI with (the bench's --node); the one running the bench by default. */
  node?: string;
}): Promise<CliRun> {
  const node = options.node ?? process.execPath;
  const nodeArgs = options.nodeArgs ?? [];
  let command: string;
  let args: string[];
  let env: NodeJS.ProcessEnv;
  if (options.cli.startsWith(DIRECT_PREFIX)) {
    [command, args, env] = [node, [...nodeArgs, options.cli.slice(DIRECT_PREFIX.length), ...options.args], options.env];
  } else {
    const { launcher, nodeDir } = launcherFor(options.cli, node);
    const path = [nodeDir, options.env.PATH].filter(Boolean).join(':');
    [command, args, env] = [launcher, options.args, { ...withNodeOptions(options.env, nodeArgs), PATH: path }];
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const startedAt = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      resolve({
        ms,
        startedAt,
        endedAt: Date.now(),
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export interface StagedPath {
  path: string;
  oldPath?: string;
}

/** The staged paths as git names them (renames detected), without blocking the event loop. */
export function listStagedPaths(cwd: string, env: NodeJS.ProcessEnv): Promise<StagedPath[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['diff', '--cached', '--name-status', '-M', '-z'],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const fields = stdout.split('\0').filter((field) => field !== '');
        const paths: StagedPath[] = [];
        for (let i = 0; i < fields.length;) {
          const status = fields[i]!;
          if (/^[RC]/.test(status)) {
            paths.push({ oldPath: fields[i + 1], path: fields[i + 2]! });
            i += 3;
          } else {
            paths.push({ path: fields[i + 1]! });
            i += 2;
          }
        }
        resolve(paths);
      },
    );
  });
}
