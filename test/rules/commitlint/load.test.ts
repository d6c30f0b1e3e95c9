import { afterEach, describe, expect, it } from 'vitest';
import { findCommitlintConfig } from '../../../src/rules/commitlint/discover.js';
import { CommitlintLoadError, loadCommitlint } from '../../../src/rules/commitlint/load.js';
import { CONVENTIONAL, installCommitlint, runCommitlint, writeCommitlintConfig } from '../../support/commitlint.js';
import { createTempRepo, type TempRepo } from '../../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

async function load(config: object, options: { install?: boolean; name?: string } = {}) {
  repo = createTempRepo();
  if (options.install !== false) installCommitlint(repo);
  writeCommitlintConfig(repo, config, options.name);
  const configPath = await findCommitlintConfig({ cwd: repo.dir, env: repo.env });
  return loadCommitlint({ cwd: repo.dir, configPath: configPath! });
}

describe('loadCommitlint', () => {
  it("resolves config-conventional from the repository's node_modules; the bundled copy runs for the same major version", async () => {
    const commitlint = await load(CONVENTIONAL);
    expect(commitlint.source).toEqual({ load: 'bundled', lint: 'bundled' });
    expect(commitlint.rules['type-enum']?.[2]).toContain('feat');
    expect(commitlint.rules['header-max-length']).toEqual([2, 'always', 100]);
  });

  it('lints exactly as the commitlint CLI does', async () => {
    const commitlint = await load({
      ...CONVENTIONAL,
      rules: { 'header-max-length': [2, 'always', 50], 'subject-case': [2, 'always', 'sentence-case'] },
    });
    for (const message of [
      'feat: Add a login page',
      'feat: add a login page',
      'Feat: Add.',
      `fix(api): ${'x'.repeat(60)}`,
      'chore: Bump deps\n\nbody',
    ]) {
      const ours = await commitlint.lint(message);
      expect({ message, valid: ours.valid }).toEqual({ message, valid: runCommitlint(repo, message).code === 0 });
    }
  });

  it("loads a TypeScript config with the repository's own loader", async () => {
    repo = createTempRepo();
    installCommitlint(repo);
    repo.write(
      'commitlint.config.ts',
      "const config: { rules: Record<string, [number, string, number]> } = { rules: { 'header-max-length': [2, 'always', 40] } };\nexport default config;\n",
    );
    const commitlint = await loadCommitlint({
      cwd: repo.dir,
      configPath: (await findCommitlintConfig({ cwd: repo.dir, env: repo.env }))!,
    });
    expect(commitlint.source.load).toBe('repository');
    expect((await commitlint.lint(`fix: ${'x'.repeat(40)}`)).errors.map((error) => error.name)).toEqual([
      'header-max-length',
    ]);
  });

  it('falls back to the bundled copy in a repository without commitlint installed', async () => {
    const commitlint = await load(
      { rules: { 'type-enum': [2, 'always', ['feat', 'fix']] } },
      { install: false, name: '.commitlintrc.json' },
    );
    expect(commitlint.source).toEqual({ load: 'bundled', lint: 'bundled' });
    expect((await commitlint.lint('docs: x')).errors.map((error) => error.name)).toEqual(['type-enum']);
    expect((await commitlint.lint('fix: x')).valid).toBe(true);
  });

  it('says which file could not be loaded when an extends is not installed', async () => {
    const missing = { extends: ['commitlint-config-nobody-installed'] };
    await expect(load(missing, { install: false })).rejects.toThrow(CommitlintLoadError);
    await expect(load(missing, { install: false })).rejects.toThrow(
      /commitlint\.config\.mjs.*commitlint-config-nobody-installed/,
    );
  });
});
