// `node --import tsx bench/e2e-ab.ts <cli.js> <cli.js> [--case 1] [--reps 12] [--node <path>]`: two builds of the CLI
// (e.g. `npx tsup --out-dir /tmp/a` before and after a change), cold runs of one e2e case interleaved A B B A ..., each
// on a fresh cache, against the bench's latency-simulating provider, through the launcher bin/git-ai as a user runs
// it (`direct:<cli.js>` runs `node <cli.js>` instead, as the bench did before the launcher). Prints each build's
// medians: wall, the CLI's own CPU (git's not included), own time (wall less the server's time) and spawn -> first
// request. On a shared machine the interleaving and the CPU column are what make a small difference visible.
// `--warm-code` gives each run the V8 code cache (`<cache dir>/git-ai/code/`, src/cli/code-cache.ts) of one run of
// its build before the loop, as a user's second and later runs have it; without, every run is the one that writes it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startProviderServer } from '../test/support/provider-server.js';
import { isolatedEnv } from './env.js';
import { median } from './measure.js';
import { E2E_CASES, LATENCY } from './e2e/cases.js';
import { ensureE2eRepo } from './e2e/generate.js';
import { CACHE_HOMES_DIR } from './e2e/paths.js';
import { createRealisticResponder } from './e2e/responder.js';
import { listStagedPaths } from './e2e/run-cli.js';
import { sampleRun } from './e2e/sample.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    case: { type: 'string', default: '1' },
    reps: { type: 'string', default: '12' },
    node: { type: 'string' },
    'warm-code': { type: 'boolean', default: false },
  },
});
const item = E2E_CASES.find((candidate) => candidate.spec.name === values.case);
const reps = Number.parseInt(values.reps, 10);
if (positionals.length !== 2 || item === undefined || !(reps >= 1))
  throw new Error('usage: e2e-ab.ts <cli.js> <cli.js> [--case 1] [--reps 12] [--node <path>]');

const repo = ensureE2eRepo(item.spec, {});
const staged = await listStagedPaths(repo.dir, isolatedEnv());
const responder = createRealisticResponder();
const server = await startProviderServer({ apiKey: 'x', respond: responder.respond, latency: LATENCY });
const samples = positionals.map(() => ({
  wall: [] as number[],
  cpu: [] as number[],
  own: [] as number[],
  head: [] as number[],
}));
const loadBefore = loadavg()[0]!;
mkdirSync(CACHE_HOMES_DIR, { recursive: true });
const primed = positionals.map(() => mkdtempSync(join(CACHE_HOMES_DIR, 'ab-code-')));
try {
  if (values['warm-code'])
    for (const [index, cli] of positionals.entries()) {
      const run = await sampleRun({
        cli,
        repoDir: repo.dir,
        server,
        responder,
        staged,
        cacheHome: primed[index]!,
        kind: 'cold',
        node: values.node,
      });
      if (run.error) throw new Error(`${cli}: ${run.error}`);
    }
  for (let rep = 0; rep < reps; rep++) {
    for (const index of rep % 2 === 0 ? [0, 1] : [1, 0]) {
      const cacheHome = mkdtempSync(join(CACHE_HOMES_DIR, 'ab-'));
      const code = join(primed[index]!, 'git-ai/code');
      if (values['warm-code'] && existsSync(code)) cpSync(code, join(cacheHome, 'git-ai/code'), { recursive: true });
      try {
        const run = await sampleRun({
          cli: positionals[index]!,
          repoDir: repo.dir,
          server,
          responder,
          staged,
          cacheHome,
          kind: 'cold',
          node: values.node,
        });
        if (run.error) throw new Error(`${positionals[index]}: ${run.error}`);
        const into = samples[index]!;
        into.wall.push(run.wallMs);
        if (run.cpuMs !== undefined) into.cpu.push(run.cpuMs);
        into.own.push(run.wallMs - run.critical.modelMs);
        if (run.headMs !== undefined) into.head.push(run.headMs);
      } finally {
        rmSync(cacheHome, { recursive: true, force: true });
      }
    }
  }
} finally {
  await server.close();
  for (const dir of primed) rmSync(dir, { recursive: true, force: true });
}
const ms = (values: number[]) => `${Math.round(median(values))} ms`;
process.stdout.write(
  `case ${item.spec.name}, ${reps} cold runs each, interleaved; load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}\n`,
);
positionals.forEach((cli, index) => {
  const { wall, cpu, own, head } = samples[index]!;
  process.stdout.write(
    `${cli}: wall ${ms(wall)}, CPU ${ms(cpu)}, own ${ms(own)}, spawn -> first request ${ms(head)} (CPU runs: ${cpu.map(Math.round).join(' ')})\n`,
  );
});
