import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fillFileHistory } from '../../src/git/file-history.js';
import { readPathSubjects } from '../../src/git/path-subjects.js';
import { readHistory, readIndexState } from '../../src/git/repo.js';
import { startStagedDiff } from '../../src/git/staged-diff.js';
import { generateCommitMessage } from '../../src/pipeline/generate.js';
import { collectDiff } from '../../src/prepare/collect.js';
import { loadConfig } from '../../src/config/load.js';
import { startProviderServer } from '../support/provider-server.js';
import { createTempRepo, type TempRepo } from '../support/temp-repo.js';

const SECRET = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

/** A history, written by `git fast-import`: three commits on src/old.ts, then `recent` commits on src/busy.ts only. */
function buildHistory(repo: TempRepo, recent: number): void {
  const lines: string[] = [];
  let mark = 0;
  const commit = (subject: string, path: string, content: string) => {
    mark += 1;
    const data = Buffer.byteLength(content);
    lines.push(
      'commit refs/heads/main',
      `mark :${mark}`,
      `committer Test Author <author@example.com> ${1_700_000_000 + mark} +0000`,
      `data ${Buffer.byteLength(subject)}`,
      subject,
      ...(mark > 1 ? [`from :${mark - 1}`] : []),
      `M 100644 inline ${path}`,
      `data ${data}`,
      content,
    );
  };
  commit('feat(old): add the old module', 'src/old.ts', 'export const old = 1;\n');
  commit(`fix(old): rotate ${SECRET} out of the old module`, 'src/old.ts', 'export const old = 2;\n');
  commit('perf(old): cache the old value', 'src/old.ts', 'export const old = 3;\n');
  for (let index = 0; index < recent; index += 1)
    commit(`chore(busy): step ${index}`, 'src/busy.ts', `export const busy = ${index};\n`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: repo.env, input: lines.join('\n') + '\n' });
}

describe('fillFileHistory', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  /** Stages `path` with `content` on main; the repository's git context. */
  function stageOnMain(path: string, content: string) {
    repo!.git('checkout', '-q', '-f', 'main');
    repo!.write(path, content);
    repo!.git('add', path);
    return { cwd: repo!.dir, env: repo!.env };
  }

  async function stagedFiles(context: { cwd: string; env: NodeJS.ProcessEnv }) {
    return (await collectDiff({ lines: startStagedDiff(context).lines, contentBudget: 1 })).map((file) => file.diff);
  }

  async function stageOldAndRead() {
    const context = stageOnMain('src/old.ts', 'export const old = 4;\n');
    const history = await readHistory(context);
    return { context, history, files: await stagedFiles(context) };
  }

  it('readHistory gives a file last touched 400 commits ago its subjects, newest first and redacted', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { history } = await stageOldAndRead();
    const subjects = history.byFile.get('src/old.ts') ?? [];
    expect(subjects).toHaveLength(3);
    expect(subjects[0]).toBe('perf(old): cache the old value');
    expect(subjects[2]).toBe('feat(old): add the old module');
    expect(subjects[1]).not.toContain(SECRET);
    expect(subjects[1]).toMatch(/^fix\(old\): rotate .+ out of the old module$/);
    expect(history.redactions).toEqual([{ kind: expect.any(String), place: 'older commit subject of a staged file' }]);
    expect(history.subjects).toHaveLength(300);
  });

  it('with the read deferred, the subjects arrive where the offline engine writes (fillFileHistory)', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const context = stageOnMain('src/old.ts', 'export const old = 4;\n');
    const history = await readHistory({ ...context, staged: readIndexState(context), deferPathSubjects: true });
    expect(history.byFile.get('src/old.ts')).toBeUndefined();
    const files = await stagedFiles(context);
    expect(await fillFileHistory(history, files, { ...context, budgetMs: 10_000 })).toEqual({
      asked: 0,
      filled: 0,
      stopped: false,
    });
    expect(history.byFile.get('src/old.ts')).toHaveLength(3);
  });

  /** The context with git's trace (GIT_TRACE) in a file, and what git has run so far that reads path subjects. */
  function traced(context: { cwd: string; env: NodeJS.ProcessEnv }) {
    const file = join(repo!.dir, '.git', 'trace.log');
    const pathReads = () =>
      (existsSync(file) ? readFileSync(file, 'utf8') : '')
        .split('\n')
        .filter((line) => / built-in: git .*log .*--name-only/.test(line));
    return { context: { ...context, env: { ...context.env, GIT_TRACE: file } }, pathReads };
  }

  it('a deferred read runs no git for the staged paths until startFiles, then takes in what it read', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { context, pathReads } = traced(stageOnMain('src/old.ts', 'export const old = 4;\n'));
    const staged = readIndexState(context);
    const history = await readHistory({ ...context, staged, deferPathSubjects: true });
    await staged;
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a git started beside the history to say so
    expect(pathReads()).toEqual([]);
    history.startFiles?.();
    await history.completeFiles?.(10_000);
    expect(pathReads()).toHaveLength(1);
    expect(history.byFile.get('src/old.ts')).toHaveLength(3);
  });

  it("a remote run reads the staged paths' subjects once its request is sent", async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { context, pathReads } = traced(stageOnMain('src/old.ts', 'export const old = 4;\n'));
    const server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'perf(old): keep the old value' }),
    });
    try {
      const { config } = await loadConfig({ cwd: repo.dir, env: context.env });
      await generateCommitMessage({
        context,
        root: repo.dir,
        config: { ...config, engine: 'remote', provider: 'openai', apiKey: 'k', baseUrl: server.baseUrls.openai },
        env: context.env,
        history: readHistory({ ...context, staged: readIndexState(context), deferPathSubjects: true }),
        warn: () => undefined,
      });
      expect(server.requests.length).toBeGreaterThan(0);
      await vi.waitFor(() => expect(pathReads()).toHaveLength(1));
    } finally {
      await server.close();
    }
  });

  it("without the early start, the staged paths' git started once the request is out stops when the run ends", async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const staged = stageOnMain('src/old.ts', 'export const old = 4;\n');
    // A git whose path-limited log goes on (a long history), saying its pid; every other git is the real one.
    const bin = join(repo.dir, '.git', 'slow-bin');
    const pids = join(repo.dir, '.git', 'path-log.pid');
    const git = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    mkdirSync(bin);
    const shim = `#!/bin/sh\ncase "$*" in *--name-only*) echo $$ > '${pids}'; exec sleep 60;; esac\nexec '${git}' "$@"\n`;
    writeFileSync(join(bin, 'git'), shim, { mode: 0o755 });
    const env = { ...staged.env, PATH: `${bin}:${staged.env.PATH ?? process.env.PATH ?? ''}` };
    const running = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const server = await startProviderServer({
      apiKey: 'k',
      // The answer comes once the path-limited log runs, as it would beside a real request.
      respond: async () => {
        await vi.waitFor(() => expect(existsSync(pids)).toBe(true), { timeout: 10_000 });
        return { text: 'perf(old): keep the old value' };
      },
    });
    let pid: number | undefined;
    try {
      const { config } = await loadConfig({ cwd: repo.dir, env });
      const generated = await generateCommitMessage({
        context: { cwd: staged.cwd, env },
        root: repo.dir,
        config: {
          ...config,
          engine: 'remote',
          provider: 'openai',
          apiKey: 'k',
          baseUrl: server.baseUrls.openai,
          cache: false,
        },
        env,
        warn: () => undefined,
      });
      expect(generated.stage).not.toBe('local');
      pid = Number(readFileSync(pids, 'utf8').trim());
      await vi.waitFor(() => expect(running(pid!)).toBe(false), { timeout: 5_000 });
    } finally {
      if (pid !== undefined && running(pid)) process.kill(pid);
      await server.close();
    }
  });

  it("without the early start (the hook's way), a remote run the cache answers runs no git for the staged paths", async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { context, pathReads } = traced(stageOnMain('src/old.ts', 'export const old = 4;\n'));
    const server = await startProviderServer({
      apiKey: 'k',
      respond: () => ({ text: 'perf(old): keep the old value' }),
    });
    try {
      const { config } = await loadConfig({ cwd: repo.dir, env: context.env });
      const run = () =>
        generateCommitMessage({
          context,
          root: repo!.dir,
          config: { ...config, engine: 'remote', provider: 'openai', apiKey: 'k', baseUrl: server.baseUrls.openai },
          env: context.env,
          warn: () => undefined,
        });
      await run();
      expect(server.requests).toHaveLength(1);
      await vi.waitFor(() => expect(pathReads()).toHaveLength(1)); // once the request was sent
      await run();
      expect(server.requests).toHaveLength(1); // answered by the cache: no request, so no fallback to read for
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pathReads()).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('fills a file readHistory did not ask about (pathSubjects: false), from one path-limited read', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { context, files } = await stageOldAndRead();
    const history = await readHistory({ ...context, pathSubjects: false });
    expect(history.byFile.get('src/old.ts')).toBeUndefined();
    expect(await fillFileHistory(history, files, { ...context, budgetMs: 10_000 })).toEqual({
      asked: 1,
      filled: 1,
      stopped: false,
    });
    expect(history.byFile.get('src/old.ts')?.[0]).toBe('perf(old): cache the old value');
    expect(history.redactions).toHaveLength(1);
  });

  it('asks git nothing when the window held the whole history or gave a file enough subjects', async () => {
    repo = createTempRepo();
    buildHistory(repo, 20);
    const whole = await stageOldAndRead();
    expect(whole.history.byFile.get('src/old.ts')).toHaveLength(3);
    expect(await fillFileHistory(whole.history, whole.files, { ...whole.context, budgetMs: 10_000 })).toEqual({
      asked: 0,
      filled: 0,
      stopped: false,
    });

    repo.cleanup();
    repo = createTempRepo();
    buildHistory(repo, 400);
    const context = stageOnMain('src/busy.ts', 'export const busy = -1;\n');
    const history = await readHistory(context);
    const files = await stagedFiles(context);
    const before = history.byFile.get('src/busy.ts');
    expect(before).toHaveLength(10);
    expect(await fillFileHistory(history, files, { ...context, budgetMs: 10_000 })).toEqual({
      asked: 0,
      filled: 0,
      stopped: false,
    });
    expect(history.byFile.get('src/busy.ts')).toBe(before);
  });

  it("stopped at once, a deferred read still gives the window's own subjects of a staged file", async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const context = stageOnMain('src/busy.ts', 'export const busy = -1;\n');
    const history = await readHistory({ ...context, staged: readIndexState(context), deferPathSubjects: true });
    await fillFileHistory(history, [], { ...context, budgetMs: 0 });
    expect(history.byFile.get('src/busy.ts')).toEqual(
      Array.from({ length: 10 }, (_, index) => `chore(busy): step ${399 - index}`),
    );
  });

  it('readPathSubjects walks only the commits it is given: the window leaves out a file touched before it', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const context = { cwd: repo.dir, env: repo.env, perFile: 10 };
    const oldest = repo.git('rev-list', '--no-merges', '--skip=299', '-n1', 'HEAD').trim();
    const window = ['HEAD', '--not', `${oldest}^@`];
    expect((await readPathSubjects(['src/old.ts'], { ...context, revisions: window })).records).toEqual([]);
    expect((await readPathSubjects(['src/old.ts'], context)).records.map((record) => record.paths)).toEqual([
      ['src/old.ts'],
      ['src/old.ts'],
      ['src/old.ts'],
    ]);
    const busy = await readPathSubjects(['src/busy.ts'], { ...context, revisions: window });
    expect(busy.records.map((record) => record.subject)).toHaveLength(10);
  });

  it('starts no git when no budget is left: no extra subjects and no error', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    const { context, files } = await stageOldAndRead();
    const history = await readHistory({ ...context, pathSubjects: false });

    const result = await fillFileHistory(history, files, { ...context, budgetMs: 0 });

    expect(result).toEqual({ asked: 1, filled: 0, stopped: true });
    expect(history.byFile.get('src/old.ts')).toBeUndefined();
  });

  it('shows the file history in the --debug trace of an offline run: read beside the recent history, none after', async () => {
    repo = createTempRepo();
    buildHistory(repo, 400);
    await stageOldAndRead();
    const context = { cwd: repo.dir, env: repo.env };
    let trace = '';
    const { config } = await loadConfig({ cwd: repo.dir, env: repo.env });
    await generateCommitMessage({
      context,
      root: repo.dir,
      config: { ...config, engine: 'local' },
      env: repo.env,
      debug: (text) => (trace += `${text}\n`),
      warn: () => undefined,
    });
    expect(trace).toMatch(/file history .* asked=0 filled=0 stopped=false/);
  });
});
