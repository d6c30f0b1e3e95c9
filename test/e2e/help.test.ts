// Help that fits git: `git ai help`, per-command help from the same definitions as the man page, usage errors.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/config/keys.js';
import { COMMANDS } from '../../src/cli/definitions.js';
import { PROJECT_ROOT, createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const cli = (args: string[]) => {
  repo = createTempRepo();
  return runCli(args, { cwd: repo.dir, env: repo.env });
};

describe('help', () => {
  it('`git ai help` and `git ai` list every command', () => {
    const help = cli(['help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${command.name} +\\S`, 'm'));
    expect(cli([]).stdout).toBe(help.stdout);
  });

  it('`git ai help hook` is `git ai hook --help`, and lists the actions', () => {
    const help = cli(['help', 'hook']);
    expect(help.stdout).toBe(cli(['hook', '--help']).stdout);
    for (const action of ['install', 'reinstall', 'uninstall', 'status', 'run'])
      expect(help.stdout).toMatch(new RegExp(`^  ${action}\\b`, 'm'));
  });

  it('`config --help` lists the actions and every config key', () => {
    const help = cli(['config', '--help']).stdout;
    for (const action of ['get', 'set', 'unset', 'list', 'path', 'reset'])
      expect(help).toMatch(new RegExp(`^  ${action}\\b`, 'm'));
    for (const key of CONFIG_KEYS) expect(help).toMatch(new RegExp(`^  ${key} +\\S`, 'm'));
  });

  it('--no-body and --no-cache read as what they do, with no "(default: true)"', () => {
    const help = cli(['commit', '--help']).stdout;
    expect(help).toMatch(/--no-body +Write the subject line only, without a body\n/);
    expect(help).toMatch(/--no-cache +Ask the provider again instead of reusing a cached answer\n/);
    expect(help).not.toContain('(default: true)');
  });

  it('an unknown command gets "did you mean", exit 2', () => {
    const result = cli(['comit']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      "git-ai: Unknown command 'comit'. Did you mean `git ai commit`? Run `git ai help` to see the commands.\n",
    );
  });

  it("a usage error points at the subcommand's help", () => {
    const result = cli(['commit', '--frob']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('git-ai: Unknown option `--frob` for `git ai commit`. See `git ai commit --help`.\n');
  });
});

describe('the man page git-ai(1)', () => {
  const page = join(PROJECT_ROOT, 'dist/git-ai.1');

  it('is built into dist/, named by package.json `man`, and holds every command, option and key', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      man?: string[];
      files?: string[];
    };
    expect(manifest.man).toEqual(['./dist/git-ai.1']);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text).toMatch(/^\.TH GIT\\-AI 1 /);
    for (const command of COMMANDS) {
      expect(text).toContain(`git ai ${command.name}`);
      for (const option of command.options) expect(text).toContain(option.flags.replaceAll('-', '\\-'));
    }
    for (const key of CONFIG_KEYS) expect(text).toContain(`\\fB${key.replaceAll('-', '\\-')}\\fR`);
  });

  it('renders with man(1) without a warning', () => {
    const result = spawnSync('man', ['--warnings', '-l', page], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '100', LC_ALL: 'C' },
    });
    if (result.error) throw new Error('man is not installed: `apt-get install man-db`');
    expect(result.stderr).toBe('');
    const rendered = result.stdout;
    expect(rendered).toMatch(/NAME\s+git-ai - write commit messages from the staged changes/);
    expect(rendered).toMatch(/git ai hook <action> \[options\]/);
  });
});
