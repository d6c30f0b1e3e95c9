// Runs the CLI as a child process, asynchronously (the provider server answers from this same process meanwhile).
import { execFile, spawn } from 'node:child_process';

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

export function runCli(options: {
  cli: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  /** The Node binary to run the CLI with (the bench's --node); the one running the bench by default. */
  node?: string;
}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const startedAt = Date.now();
    const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), options.cli, ...options.args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
