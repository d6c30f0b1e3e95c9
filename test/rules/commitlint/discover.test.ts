import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMITLINT_SEARCH_PLACES, findCommitlintConfig } from '../../../src/rules/commitlint/discover.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function layout(files: Record<string, string>): { home: string; repo: string; env: NodeJS.ProcessEnv } {
  root = mkdtempSync(join(tmpdir(), 'git-ai-discover-'));
  const home = join(root, 'home');
  const repo = join(home, 'code/repo');
  mkdirSync(join(repo, 'src/deep'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { home, repo, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } };
}

describe('findCommitlintConfig', () => {
  it.each(COMMITLINT_SEARCH_PLACES.filter((place) => !place.startsWith('package.')))(
    'finds %s at the repository root from a subdirectory',
    (place) => {
      const { repo, env } = layout({ [`home/code/repo/${place}`]: 'module.exports = {};\n' });
      return expect(findCommitlintConfig({ cwd: join(repo, 'src/deep'), env })).resolves.toBe(join(repo, place));
    },
  );

  it('takes package.json only when it has a "commitlint" key, and then before the rc files', async () => {
    const plain = layout({ 'home/code/repo/package.json': '{"name":"x"}' });
    await expect(findCommitlintConfig({ cwd: plain.repo, env: plain.env })).resolves.toBeUndefined();
    rmSync(root, { recursive: true, force: true });
    const keyed = layout({
      'home/code/repo/package.json': '{"commitlint":{"extends":["x"]}}',
      'home/code/repo/.commitlintrc.json': '{}',
    });
    await expect(findCommitlintConfig({ cwd: keyed.repo, env: keyed.env })).resolves.toBe(
      join(keyed.repo, 'package.json'),
    );
  });

  it('skips an empty file, as cosmiconfig does, and finds the one in a parent directory', async () => {
    const { repo, env, home } = layout({
      'home/code/repo/.commitlintrc': '  \n',
      'home/code/.commitlintrc.yml': 'extends: [x]\n',
    });
    await expect(findCommitlintConfig({ cwd: repo, env })).resolves.toBe(join(home, 'code/.commitlintrc.yml'));
  });

  it('stops at the home directory, then looks in the user config directory', async () => {
    const { repo, env, home } = layout({
      'commitlint.config.js': 'x',
      'home/.config/commitlint/config.json': '{"rules":{}}',
    });
    await expect(findCommitlintConfig({ cwd: repo, env })).resolves.toBe(join(home, '.config/commitlint/config.json'));
  });

  it('finds nothing in a repository without one', async () => {
    const { repo, env } = layout({ 'home/code/repo/README.md': '# x\n' });
    await expect(findCommitlintConfig({ cwd: repo, env })).resolves.toBeUndefined();
  });
});
