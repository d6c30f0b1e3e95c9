// The scope as the repository's own history teaches it: real commits in a temporary repository, read back the way
// `git ai commit` reads them (the 300-commit log with its paths, the staged diff), then the offline engine.
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory } from '../../../src/git/repo.js';
import { startStagedDiff } from '../../../src/git/staged-diff.js';
import { generateLocalMessage } from '../../../src/engines/local/index.js';
import { collectDiff } from '../../../src/prepare/collect.js';
import { createTempRepo, type TempRepo } from '../../support/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

interface Commit {
  subject: string;
  /** Files written (path -> content) before the commit. */
  files: Record<string, string>;
}

function repoWith(commits: Commit[]): TempRepo {
  repo = createTempRepo();
  for (const commit of commits) {
    for (const [path, content] of Object.entries(commit.files)) repo.write(path, content);
    repo.git('add', '-A');
    repo.git('commit', '-q', '--allow-empty', '-m', commit.subject);
  }
  return repo;
}

/** Stages the files and returns the message the offline engine writes for them. */
async function messageFor(staged: Record<string, string>) {
  const current = repo!;
  for (const [path, content] of Object.entries(staged)) current.write(path, content);
  current.git('add', '-A');
  const context = { cwd: current.dir, env: current.env };
  const history = await readHistory(context);
  const files = (await collectDiff({ lines: startStagedDiff(context).lines, contentBudget: 100_000 })).map(
    (file) => file.diff,
  );
  const fileHistory: Record<string, string[]> = {};
  for (const file of files) {
    const subjects = history.byFile.get(file.path);
    if (subjects) fileHistory[file.path] = subjects;
  }
  return generateLocalMessage({ files, history: history.subjects, fileHistory, maxLength: 72, body: false });
}

const testFile = (name: string, cases: number) =>
  `import { it, expect } from 'vitest';\n${Array.from({ length: cases }, (_, index) => `it('${name} ${index}', () => {\n  expect(${index}).toBe(${index});\n});\n`).join('')}`;
const source = (name: string, body: string) => `export function ${name}(value: number) {\n${body}  return value;\n}\n`;

describe('scope of a change, learned from the repository', () => {
  it('writes <package>/<file> where the repository scopes its tests so, and the package where it does not', async () => {
    const base = 'packages/react-query/src/__tests__';
    repoWith([
      {
        subject: 'feat(react-query): add useQuery',
        files: { 'packages/react-query/src/useQuery.ts': source('useQuery', '') },
      },
      {
        subject: 'test(react-query/useQuery): cover refetch',
        files: { [`${base}/useQuery.test.tsx`]: testFile('refetch', 1) },
      },
      {
        subject: 'test(react-query/useMutation): cover retry',
        files: { [`${base}/useMutation.test.tsx`]: testFile('retry', 1) },
      },
      {
        subject: 'test(react-query/useIsFetching): cover idle',
        files: { [`${base}/useIsFetching.test.tsx`]: testFile('idle', 1) },
      },
      {
        subject: 'fix(react-query): keep the cache',
        files: { 'packages/react-query/src/useQuery.ts': source('useQuery', '  if (!value) return 0;\n') },
      },
    ]);
    // a new test file: its name is in no subject yet
    const message = await messageFor({ [`${base}/useIsMutating.test.tsx`]: testFile('mutating', 3) });
    expect(message.type).toBe('test');
    expect(message.scope).toBe('react-query/useIsMutating');

    repo!.cleanup();
    repoWith([
      {
        subject: 'feat(react-query): add useQuery',
        files: { 'packages/react-query/src/useQuery.ts': source('useQuery', '') },
      },
      { subject: 'test(react-query): cover refetch', files: { [`${base}/useQuery.test.tsx`]: testFile('refetch', 1) } },
      { subject: 'test(react-query): cover retry', files: { [`${base}/useMutation.test.tsx`]: testFile('retry', 1) } },
      { subject: 'test(react-query): cover idle', files: { [`${base}/useIsFetching.test.tsx`]: testFile('idle', 1) } },
      {
        subject: 'test(react-query/useQuery): cover stale',
        files: { [`${base}/useQuery.test.tsx`]: testFile('stale', 2) },
      },
    ]);
    expect((await messageFor({ [`${base}/useIsMutating.test.tsx`]: testFile('mutating', 3) })).scope).toBe(
      'react-query',
    );
  });

  it('names the package that holds src/ when no scope of the history names the change', async () => {
    repoWith([
      { subject: 'fix(resolver): keep the order', files: { 'resolving/resolver/src/index.ts': source('resolve', '') } },
      { subject: 'feat(store): add a store', files: { 'store/store/src/index.ts': source('store', '') } },
      {
        subject: 'fix(store): close the store',
        files: { 'store/store/src/index.ts': source('store', '  if (!value) return 1;\n') },
      },
      { subject: 'feat(linker): link once', files: { 'linking/linker/src/index.ts': source('link', '') } },
      { subject: 'chore: init the reporter', files: { 'cli/default-reporter/src/index.ts': source('report', '') } },
    ]);
    const message = await messageFor({
      'cli/default-reporter/src/index.ts': source('report', '  if (!value) return 2;\n'),
      '.changeset/quiet-owls-sing.md': '---\n"@pnpm/default-reporter": patch\n---\n\nDo not print an empty line.\n',
    });
    expect(message.scope).toBe('default-reporter');
  });

  it("takes the area these files' history names under any type, not only the type chosen", async () => {
    const path = 'src/draw.test.ts';
    repoWith([
      { subject: 'test(core): cover the start', files: { [path]: testFile('start', 1) } },
      ...['lines', 'circles', 'arcs', 'text', 'paths'].map((shape, index) => ({
        subject: `feat(renderer): draw ${shape}`,
        files: { [path]: testFile(shape, index + 2) },
      })),
      { subject: 'fix(core): keep the order', files: { 'src/core.ts': source('core', '') } },
    ]);
    const message = await messageFor({ [path]: testFile('paths', 9) });
    expect(message.type).toBe('test');
    expect(message.scope).toBe('renderer');
  });

  it('follows a renamed scope: what the repository writes lately beats what older subjects of the file say', async () => {
    const path = 'src/paint.ts';
    repoWith([
      { subject: 'fix(legacy): paint once', files: { [path]: source('paint', '  value += 1;\n') } },
      { subject: 'fix(legacy): paint in order', files: { [path]: source('paint', '  value += 2;\n') } },
      ...Array.from({ length: 30 }, (_, index) => ({ subject: `fix(renderer): step ${index}`, files: {} })),
      { subject: 'fix(renderer): paint the border', files: { [path]: source('paint', '  value += 3;\n') } },
    ]);
    const message = await messageFor({ [path]: source('paint', '  if (value < 0) return 0;\n  value += 3;\n') });
    expect(message.type).toBe('fix');
    expect(message.scope).toBe('renderer');
  });

  it("names a new package in an npm scope's folder after the package, where the history scopes by package", async () => {
    repoWith([
      { subject: 'feat(parser): parse once', files: { '@acme/parser/index.js': source('parse', '') } },
      { subject: 'fix(parser): keep order', files: { '@acme/parser/index.js': source('parse', '  value += 1;\n') } },
      { subject: 'feat(printer): print', files: { '@acme/printer/index.js': source('print', '') } },
      { subject: 'fix(printer): wrap', files: { '@acme/printer/index.js': source('print', '  value += 2;\n') } },
      { subject: 'docs: the readme', files: { 'README.md': '# acme\n' } },
      { subject: 'fix(printer): keep width', files: { '@acme/printer/index.js': source('print', '  value += 3;\n') } },
    ]);
    const message = await messageFor({
      '@acme/lexer/package.json': '{\n  "name": "@acme/lexer",\n  "version": "1.0.0"\n}\n',
      '@acme/lexer/index.js': source('lex', '  if (!value) return 0;\n'),
    });
    expect(message.scope).toBe('lexer');
  });

  it("scopes a package's file with that package's scope as the history spells it, not as its folder is named", async () => {
    repoWith([
      { subject: 'feat(datepicker): pick a day', files: { 'packages/date-picker/src/index.ts': source('pick', '') } },
      { subject: 'feat(toolbar): add buttons', files: { 'packages/toolbar/src/index.ts': source('buttons', '') } },
      {
        subject: 'fix(datepicker): keep the month',
        files: { 'packages/date-picker/src/index.ts': source('pick', '  value += 1;\n') },
      },
      { subject: 'docs: the readme', files: { 'README.md': '# widgets\n' } },
      {
        subject: 'fix(toolbar): wrap the buttons',
        files: { 'packages/toolbar/src/index.ts': source('buttons', '  value += 2;\n') },
      },
    ]);
    const message = await messageFor({
      'packages/date-picker/src/range.ts': source('range', '  if (value < 0) return 0;\n'),
    });
    expect(message.scope).toBe('datepicker');
  });

  it('writes no scope in a repository that never scopes, even for a file in a package folder', async () => {
    repoWith(
      Array.from({ length: 24 }, (_, index) => {
        const name = ['cart', 'checkout', 'search'][index % 3] ?? 'cart';
        return {
          subject: index % 2 ? `fix: keep the ${name} step ${index}` : `feat: add the ${name} step ${index}`,
          files: { [`packages/${name}/src/index.ts`]: source(name, `  value += ${index};\n`) },
        };
      }),
    );
    const message = await messageFor({
      'packages/cart/src/index.ts': source('cart', '  if (value < 0) return 0;\n  value += 99;\n'),
    });
    expect(message.type).toMatch(/^(fix|feat)$/);
    expect(message.scope).toBeUndefined();
  });
});
