// style = auto (the default) writes as the repository's own recent subjects do; an explicit style wins.
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONVENTIONAL_HEADER,
  MATH_SOURCE,
  MATH_WITH_MULTIPLY,
  createTempRepo,
  runCli,
  type TempRepo,
} from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function repoWithHistory(subjects: string[]): TempRepo {
  repo = createTempRepo();
  repo.write('src/math.ts', MATH_SOURCE);
  repo.git('add', '.');
  for (const subject of subjects) repo.git('commit', '-q', '--allow-empty', '-m', subject);
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return repo;
}

const headerOf = (args: string[] = []) => {
  const result = runCli(['commit', '--dry-run', ...args], { cwd: repo.dir, env: repo.env });
  expect(result.code).toBe(0);
  return result.stdout.split('\n')[0] ?? '';
};

describe('style = auto', () => {
  it('writes a plain sentence where the history has no Conventional Commits', () => {
    repoWithHistory([
      'Add the parser',
      'Fix a crash on empty input',
      'Update the docs',
      'Rename the helpers',
      'Support tabs',
      'Speed up the lexer',
    ]);
    const header = headerOf();
    expect(header).not.toMatch(CONVENTIONAL_HEADER);
    expect(header).toMatch(/^[A-Z][a-z]+ /);
    expect(headerOf(['--style', 'conventional'])).toMatch(CONVENTIONAL_HEADER);
  });

  it('puts a gitmoji first where the history does', () => {
    repoWithHistory([
      '✨ add the parser',
      '🐛 fix a crash',
      '📝 update the docs',
      '♻️ rename the helpers',
      '✨ support tabs',
      '⚡️ speed up the lexer',
    ]);
    expect(headerOf()).toMatch(/^\p{Extended_Pictographic}/u);
  });

  it('writes Conventional Commits where the history does', () => {
    repoWithHistory([
      'feat: add the parser',
      'fix: a crash',
      'docs: the docs',
      'refactor: helpers',
      'feat: tabs',
      'perf: lexer',
    ]);
    expect(headerOf()).toMatch(CONVENTIONAL_HEADER);
  });
});
