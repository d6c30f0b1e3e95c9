// A warm run answered by the early key (src/cache/early-answer.ts): the message from the cache before the diff is
// prepared, without loading the budgeting, the token bound, zod or the remote engine; and a new request whenever
// what decides the answer changed (the staged change, a setting, the model, the instruction, .gitaiignore, the history).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { loadedFiles, MODULE_LOG_HOOK } from '../support/module-log.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { createRepoWithSources, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

/** What a run loaded, by the sources the bundle names (a `// src/…` or `// node_modules/…` line per module). */
function loadedSources(log: string): string[] {
  const files = loadedFiles(log);
  return files.flatMap((file) => readFileSync(file, 'utf8').match(/^\/\/ (?:src|node_modules)\/\S+/gm) ?? []);
}

function setup(): { run: (args?: string[], extra?: NodeJS.ProcessEnv) => ReturnType<typeof runCliAsync> } {
  repo = createRepoWithSources({ count: 2, lines: 30, pathOf: (index) => `src/widgets/w${index}.ts` });
  repo.git('add', '.');
  let runs = 0;
  const run = (args: string[] = [], extra: NodeJS.ProcessEnv = {}) =>
    runCliAsync(['commit', '--dry-run', '--debug', ...args], {
      cwd: repo.dir,
      env: remoteEnv(server, repo.env, {
        NODE_OPTIONS: `--import=${MODULE_LOG_HOOK}`,
        GIT_AI_TEST_MODULE_LOG: join(repo.dir, '..', `run-${(runs += 1)}.log`),
        ...extra,
      }),
    });
  return { run };
}

describe('the early answer', () => {
  it('answers a second run before the diff is prepared, loading neither the SDK nor zod', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const { run } = setup();
    const cold = await run();
    expect(cold.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(cold.stderr).toMatch(/^ {2}prepare /m);
    const coldSources = loadedSources(join(repo.dir, '..', 'run-1.log'));
    expect(coldSources).toContain('// src/providers/openai-chat.ts');

    server.reset();
    const warm = await run();
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(server.requests).toHaveLength(0);
    expect(warm.stderr).toMatch(/^ {2}early answer .*cacheHit=true stage=fast-path/m);
    expect(warm.stderr).not.toMatch(/prepare|load sdk/);
    const warmSources = loadedSources(join(repo.dir, '..', 'run-2.log'));
    expect(warmSources.length).toBeGreaterThan(0);
    // The remote engine's code loads with main's (one file, tsup.config.ts) but does not run: the SDK, zod, the
    // tokenizer's vocabularies and its split pieces stay unloaded.
    const heavy = warmSources.filter((source) =>
      /^\/\/ (node_modules\/(zod|gpt-tokenizer|ai|@ai-sdk)\/|src\/(tokens\/known-pieces|providers\/schemas))/.test(
        source,
      ),
    );
    expect(heavy).toEqual([]);
  });

  it("writes the request's answer and the early answer to one cache: its size ledger counts each once", async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const { run } = setup();
    expect((await run()).code).toBe(0);
    const root = join(repo.home, '.cache', 'git-ai', 'v1');
    const sizes = readdirSync(root)
      .filter((name) => /^[0-9a-f]{2}$/.test(name))
      .flatMap((shard) => readdirSync(join(root, shard)).map((name) => statSync(join(root, shard, name)).size));
    expect(sizes).toHaveLength(2);
    const ledger = JSON.parse(readFileSync(join(root, 'size.json'), 'utf8')) as { bytes: number };
    expect(ledger.bytes).toBe(sizes[0]! + sizes[1]!);
  });

  it('asks again when the staged change, a setting, the model, the instruction, .gitaiignore or the history changed', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const { run } = setup();
    const asks = async (args: string[] = [], extra: NodeJS.ProcessEnv = {}) => {
      server.reset();
      const result = await run(args, extra);
      expect(result.code).toBe(0);
      return server.requests.length;
    };
    expect(await asks()).toBe(1);
    expect(await asks()).toBe(0);
    // The same file, staged again with one more line.
    repo.write(
      'src/widgets/w0.ts',
      `${readFileSync(join(repo.dir, 'src/widgets/w0.ts'), 'utf8')}export const more = 1;\n`,
    );
    repo.git('add', '.');
    expect(await asks()).toBe(1);
    expect(await asks()).toBe(0);
    expect(await asks([], { GIT_AI_MAX_COMMIT_LENGTH: '60' })).toBe(1);
    expect(await asks([], { GIT_AI_MODEL: 'other-model' })).toBe(1);
    expect(await asks(['--context', 'mention the widgets'])).toBe(1);
    expect(await asks(['--context', 'mention the widgets'])).toBe(0);
    repo.write('.gitaiignore', 'src/widgets/w1.ts\n');
    expect(await asks()).toBe(1);
    // The index as it was, but git now shows the files as binary: the diff read is another.
    repo.write('.gitattributes', '*.ts -diff\n');
    expect(await asks()).toBe(1);
    expect(await asks()).toBe(0);
    // A commit of another file (not staged for this change) is a new recent subject in the prompt.
    repo.git('stash', '-q');
    repo.write('docs/notes.md', '# notes\n');
    repo.git('add', 'docs/notes.md');
    repo.git('commit', '-q', '-m', 'docs: add notes');
    repo.git('stash', 'pop', '-q', '--index');
    expect(await asks()).toBe(1);
    expect(await asks()).toBe(0);
  }, 300_000);
});
