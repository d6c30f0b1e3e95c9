// One measured operation, run in a fresh process so that its peak RSS is its own; prints one JSON line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DiffParser } from '../src/diff/parse.js';
import { STAGED_DIFF_ARGS, streamStagedDiffBatches } from '../src/git/staged-diff.js';
import { runTokenTasks } from '../src/pool/run-token-tasks.js';
import { getPoolCreationCount } from '../src/pool/worker-pool.js';
import { collectDiff } from '../src/prepare/collect.js';
import { prepareDiff } from '../src/prepare/prepare-diff.js';
import { computeInputBudget } from '../src/tokens/budget.js';
import { resolveModelInfo } from '../src/tokens/models.js';
import { seededRandom, sourceFile } from './source-text.js';

export type OperationName = 'raw' | 'parse' | 'collect' | 'budget' | 'tokens';

export interface OperationRequest {
  op: OperationName;
  cwd: string;
  model?: string;
  maxTokens?: number;
  promptTokens?: number;
  reservedOutput?: number;
  mode?: 'auto' | 'main' | 'pool';
  /** For 'raw': run git under /usr/bin/time writing git's own peak RSS (KB) to this file. */
  gitRssFile?: string;
  /** For 'tokens': UTF-8 bytes of diff-like text, split into this many tasks, each cut to half its tokens or so. */
  bytes?: number;
  tasks?: number;
}

export interface OperationResult {
  ms: number;
  /** This process's peak RSS (worker threads included), KB. */
  maxRssKB: number;
  bytes?: number;
  files?: number;
  gitMaxRssKB?: number;
  /** git's CPU time, user + system (ms), when run under /usr/bin/time. */
  gitCpuMs?: number;
  /** For 'budget': whether the token fitting ran on the worker pool. */
  onPool?: boolean;
  chunks?: number;
  usedTokens?: number;
}

/** Spawns `git diff --cached` as git-ai does and drains its stdout, counting bytes. */
function runRawGit(request: OperationRequest): Promise<Partial<OperationResult>> {
  const [command, args] = request.gitRssFile
    ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', request.gitRssFile, 'git', ...STAGED_DIFF_ARGS]]
    : ['git', [...STAGED_DIFF_ARGS]];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args as string[], {
      cwd: request.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git diff --cached exited with ${code}`));
      const extra: Partial<OperationResult> = { bytes };
      if (request.gitRssFile) {
        const [rss, user, system] = (readFileSync(request.gitRssFile, 'utf8').trim().split('\n').pop() ?? '').split(
          ' ',
        );
        extra.gitMaxRssKB = Number.parseInt(rss ?? '', 10);
        extra.gitCpuMs = Math.round((Number(user) + Number(system)) * 1000);
      }
      resolve(extra);
    });
  });
}

async function runParse(request: OperationRequest): Promise<Partial<OperationResult>> {
  const parser = new DiffParser();
  let files = 0;
  for await (const batch of streamStagedDiffBatches({ cwd: request.cwd })) {
    for (const line of batch) files += parser.push(line).length;
  }
  files += parser.end().length;
  return { files };
}

function inputBudget(request: OperationRequest): number {
  return computeInputBudget({
    maxTokens: request.maxTokens ?? 8000,
    contextWindow: resolveModelInfo(request.model ?? 'gpt-4o').contextWindow,
    promptTokens: request.promptTokens ?? 0,
    reservedOutput: request.reservedOutput ?? 0,
  });
}

async function runCollect(request: OperationRequest): Promise<Partial<OperationResult>> {
  const collected = await collectDiff({
    lines: streamStagedDiffBatches({ cwd: request.cwd }),
    contentBudget: inputBudget(request),
  });
  return { files: collected.length };
}

async function runBudget(request: OperationRequest): Promise<Partial<OperationResult>> {
  const { prepared } = await prepareDiff({
    lines: streamStagedDiffBatches({ cwd: request.cwd }),
    model: request.model ?? 'gpt-4o',
    maxTokens: request.maxTokens ?? 8000,
    promptTokens: request.promptTokens ?? 0,
    reservedOutput: request.reservedOutput ?? 0,
    poolMode: request.mode ?? 'auto',
  });
  return {
    files: prepared.files.length,
    chunks: prepared.chunks.length,
    usedTokens: prepared.budget.used,
    onPool: getPoolCreationCount() > 0,
  };
}

/** Token fitting alone, as prepareDiff hands it over (a few chunks over their share), on a cold pool as in one CLI run. */
async function runTokens(request: OperationRequest): Promise<Partial<OperationResult>> {
  const count = request.tasks ?? 8;
  const per = Math.ceil((request.bytes ?? 1 << 20) / count);
  const random = seededRandom(7);
  const tasks = Array.from({ length: count }, (_, id) => {
    const parts: string[] = [];
    let size = 0;
    while (size < per) {
      const line = `+${sourceFile(random, 40).join('\n+')}\n`;
      parts.push(line);
      size += Buffer.byteLength(line);
    }
    return { id, encoding: 'o200k_base' as const, maxTokens: Math.floor(per / 8), text: parts.join('') };
  });
  const started = performance.now();
  const results = await runTokenTasks(tasks, { mode: request.mode ?? 'auto' });
  return {
    ms: performance.now() - started,
    usedTokens: results.reduce((sum, result) => sum + result.tokens, 0),
    onPool: getPoolCreationCount() > 0,
  };
}

const RUNNERS: Record<OperationName, (request: OperationRequest) => Promise<Partial<OperationResult>>> = {
  raw: runRawGit,
  parse: runParse,
  collect: runCollect,
  budget: runBudget,
  tokens: runTokens,
};

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as OperationRequest;
  const started = performance.now();
  const extra = await RUNNERS[request.op](request);
  const ms = performance.now() - started;
  // An operation that prepares its input first reports the time of its measured part itself.
  const result: OperationResult = { ms, maxRssKB: process.resourceUsage().maxRSS, ...extra };
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
