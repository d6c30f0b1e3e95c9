// Odd repositories end to end (the built CLI, and a real `git commit` through the hook): the documented outcome, no
// stack trace, nothing lost.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeReadOnly, runCliRespectingModes, runRespectingModes } from '../support/permissions.js';
import { CONVENTIONAL_HEADER, createTempRepo, runCli, type CliResult, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
  repo?.cleanup();
});

/** Where and how a case runs git-ai: another directory, extra environment, or with file modes enforced (as root too). */
interface Place {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  modes?: boolean;
}

interface OddCase {
  name: string;
  /** Builds the case from a repository with one commit (a.txt) and stages its change. */
  setup(repo: TempRepo): Place | void;
  /** Every command fails with this one line instead. */
  error?: RegExp;
  /** What `git ai prompt` must show of the change. */
  prompt?: RegExp[];
  /** Whether a real `git commit` through the hook applies (git itself refuses a conflicted index or a read-only .git). */
  hook: boolean;
}

function seed(): TempRepo {
  const created = createTempRepo();
  created.write('a.txt', 'alpha\n');
  created.git('add', '.');
  created.git('commit', '-q', '-m', 'chore: init');
  return created;
}

const CASES: OddCase[] = [
  {
    name: 'binary and non-UTF-8 content and file names',
    setup(r) {
      r.write('bin.dat', Buffer.from([0, 1, 2, 0, 255, 254, 0, 9]));
      r.write('latin1.txt', Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'));
      writeFileSync(Buffer.from(join(r.dir, 'n\xe9me.txt'), 'latin1'), 'name in latin-1\n');
      r.git('add', '.');
    },
    prompt: [
      /A bin\.dat \(binary\) \[binary, not shown\]/,
      /A latin1\.txt \(\+1 -0\)/,
      /A n\uFFFDme\.txt \(\+1 -0\)/,
      /\+caf\uFFFD cr\uFFFDme/,
    ],
    hook: true,
  },
  {
    name: 'CRLF line endings',
    setup(r) {
      r.write('crlf.txt', 'one\r\ntwo\r\n');
      r.git('add', '.');
      r.git('commit', '-q', '-m', 'docs: add crlf.txt');
      r.write('crlf.txt', 'one\r\nthree\r\n');
      r.git('add', '.');
    },
    prompt: [/ one\r\n-two\r\n\+three/],
    hook: true,
  },
  {
    name: 'a submodule added',
    setup(r) {
      const other = join(r.home, 'library');
      mkdirSync(other);
      const git = (...args: string[]) => spawnSync('git', args, { cwd: other, env: r.env, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      writeFileSync(join(other, 'lib.txt'), 'lib\n');
      git('add', '.');
      git('commit', '-q', '-m', 'lib');
      r.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', other, 'modules/library');
    },
    prompt: [/A \.gitmodules/, /A modules\/library \(\+1 -0\)/, /\+Subproject commit [0-9a-f]{40}/],
    hook: true,
  },
  {
    name: 'a symbolic link',
    setup(r) {
      symlinkSync('a.txt', join(r.dir, 'link-to-a'));
      r.git('add', '.');
    },
    prompt: [/A link-to-a \(\+1 -0\)/, /new file mode 120000/],
    hook: true,
  },
  {
    name: 'a file replaced by a directory',
    setup(r) {
      r.write('thing', 'a file\n');
      r.git('add', '.');
      r.git('commit', '-q', '-m', 'chore: add thing');
      rmSync(join(r.dir, 'thing'));
      r.write('thing/inner.txt', 'now a directory\n');
      r.git('add', '-A');
    },
    prompt: [/D thing \(\+0 -1\)/, /A thing\/inner\.txt \(\+1 -0\)/],
    hook: true,
  },
  {
    name: 'a case-only rename',
    setup(r) {
      r.git('mv', 'a.txt', 'A.txt');
    },
    prompt: [/R a\.txt -> A\.txt/],
    hook: true,
  },
  {
    name: 'a conflicted index',
    setup(r) {
      r.git('checkout', '-q', '-b', 'other');
      r.write('a.txt', 'other\n');
      r.git('commit', '-q', '-am', 'other');
      r.git('checkout', '-q', 'main');
      r.write('a.txt', 'mine\n');
      r.git('commit', '-q', '-am', 'mine');
      spawnSync('git', ['merge', '-q', 'other'], { cwd: r.dir, env: r.env });
    },
    error:
      /^git-ai: The index has unresolved conflicts \(a\.txt\)\. Resolve them and `git add` the files, or abort the merge, then run git-ai again\.$/,
    hook: false,
  },
  {
    name: 'a detached HEAD',
    setup(r) {
      r.write('a.txt', 'alpha\nbeta\n');
      r.git('commit', '-q', '-am', 'feat: beta');
      r.git('checkout', '-q', '--detach', 'HEAD~1');
      r.write('b.txt', 'on a detached head\n');
      r.git('add', '.');
    },
    prompt: [/A b\.txt/],
    hook: true,
  },
  {
    name: 'the first commit',
    setup(r) {
      r.git('update-ref', '-d', 'HEAD');
      r.write('first.txt', 'the very first\n');
      r.git('add', '.');
    },
    prompt: [/A first\.txt/],
    hook: true,
  },
  {
    name: 'a shallow clone',
    setup(r) {
      for (const round of [1, 2, 3]) {
        r.write('a.txt', `alpha ${round}\n`);
        r.git('commit', '-q', '-am', `fix: round ${round}`);
      }
      const clone = join(r.home, 'shallow');
      r.git('clone', '-q', '--depth', '1', `file://${r.dir}`, clone);
      writeFileSync(join(clone, 'a.txt'), 'alpha shallow\n');
      spawnSync('git', ['add', '.'], { cwd: clone, env: r.env });
      return { cwd: clone };
    },
    prompt: [/M a\.txt \(\+1 -1\)/],
    hook: true,
  },
  {
    // git's own test switch stands in for a repository another user owns (a container's mount, a shared checkout).
    name: 'a repository another user owns (git: detected dubious ownership)',
    setup: () => ({ env: { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' } }),
    error:
      /^git-ai: git refuses the repository at .+: another user owns it \(detected dubious ownership\)\. If you trust it, `git config --global --add safe\.directory .+`, then run git-ai again\.$/,
    hook: false,
  },
  {
    name: 'a bare repository',
    setup(r) {
      const bare = join(r.home, 'bare.git');
      r.git('clone', '-q', '--bare', r.dir, bare);
      return { cwd: bare };
    },
    error: /^git-ai: This is a bare repository; there is nothing staged to describe\. Run git-ai in a work tree\.$/,
    hook: false,
  },
  {
    name: 'GIT_DIR and GIT_WORK_TREE from another directory',
    setup(r) {
      r.write('src/app.ts', 'export const app = 1;\n');
      r.git('add', '.');
      return { cwd: r.home, env: { GIT_DIR: join(r.dir, '.git'), GIT_WORK_TREE: r.dir } };
    },
    prompt: [/A src\/app\.ts/],
    hook: true,
  },
  {
    name: 'a read-only .git',
    setup(r) {
      r.write('a.txt', 'alpha\nread only\n');
      r.git('add', '.');
      restore = makeReadOnly(join(r.dir, '.git'));
      return { modes: true };
    },
    prompt: [/M a\.txt \(\+1 -0\)/],
    hook: false,
  },
  {
    name: 'garbage in the config file',
    setup(r) {
      r.write('a.txt', 'alpha\ngamma\n');
      r.git('add', '.');
      mkdirSync(join(r.home, '.config/git-ai'), { recursive: true });
      writeFileSync(join(r.home, '.config/git-ai/config.ini'), Buffer.from([0x5b, 0xff, 0xfe, 0, 0x3d, 0x0a]));
    },
    error:
      /^git-ai: Config file .*\/\.config\/git-ai\/config\.ini is not valid INI: it is not UTF-8 text\. Fix the file by hand, or run `git-ai config reset` /,
    hook: false,
  },
  {
    name: "garbage in the repository's git config",
    setup(r) {
      r.write('a.txt', 'alpha\ndelta\n');
      r.git('add', '.');
      writeFileSync(join(r.dir, '.git/config'), '[core\n\tbare = ???\n', { flag: 'a' });
    },
    error:
      /^git-ai: git cannot read its configuration: bad config line \d+ in file \.git\/config\. Fix that line of the file it names, then run git-ai again\.$/,
    hook: false,
  },
];

function cli(args: string[], place: Place): CliResult {
  const options = { cwd: place.cwd ?? repo.dir, env: { ...repo.env, ...place.env } };
  return place.modes ? runCliRespectingModes(args, options) : runCli(args, options);
}

function git(args: string[], place: Place): CliResult {
  const options = { cwd: place.cwd ?? repo.dir, env: { ...repo.env, ...place.env } };
  return runRespectingModes('git', args, options);
}

/** The staged paths (NUL-separated, so odd names survive), as the commit must hold them. */
const staged = (place: Place): string => git(['diff', '--cached', '--name-only', '-z', '--no-renames'], place).stdout;

describe.each(CASES)('$name', (odd) => {
  it(
    odd.error
      ? 'every command says what is wrong in one line'
      : 'commit --dry-run and prompt describe the staged change',
    () => {
      repo = seed();
      const place = odd.setup(repo) ?? {};
      const before = staged(place);
      for (const args of [['commit', '--dry-run'], ['prompt']]) {
        const result = cli(args, place);
        expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
        if (odd.error) {
          expect(result).toMatchObject({ code: 1, stdout: '' });
          expect(result.stderr.split('\n')).toEqual([expect.stringMatching(odd.error), '']);
          continue;
        }
        expect(result).toMatchObject({ code: 0, stderr: '' });
        if (args[0] === 'commit') {
          expect(result.stdout.split('\n')[0]).toMatch(CONVENTIONAL_HEADER);
          expect([...result.stdout].filter((char) => char < ' ' && char !== '\n')).toEqual([]); // no CR, NUL or escape
        } else {
          const sent = (
            JSON.parse(result.stdout) as { requests: Array<{ request: { messages: Array<{ content: string }> } }> }
          ).requests
            .flatMap((entry) => entry.request.messages.map((message) => message.content))
            .join('\n');
          for (const pattern of odd.prompt ?? []) expect(sent).toMatch(pattern);
        }
      }
      expect(staged(place)).toBe(before); // nothing staged was touched
    },
  );
});

describe.each(CASES.filter((odd) => odd.hook))('$name, through the hook', (odd) => {
  it('`git commit` commits the whole change with a message', () => {
    repo = seed();
    const place = odd.setup(repo) ?? {};
    const before = staged(place);
    expect(cli(['hook', 'install'], place).code).toBe(0);
    const commit = git(['commit', '-q'], place);
    expect({ code: commit.code, stderr: commit.stderr }).toEqual({ code: 0, stderr: '' });
    expect(git(['log', '-1', '--format=%s'], place).stdout.trim()).toMatch(CONVENTIONAL_HEADER);
    const committed = git(['show', '--name-only', '-z', '--no-renames', '--format=', 'HEAD'], place).stdout;
    expect(committed.split('\0').filter(Boolean).sort()).toEqual(before.split('\0').filter(Boolean).sort());
    expect(staged(place)).toBe('');
  });
});

describe('a read-only .git, committing', () => {
  it('commit --yes says what git said, and the staged change stays staged', () => {
    repo = seed();
    repo.write('a.txt', 'alpha\nread only\n');
    repo.git('add', '.');
    const before = repo.git('diff', '--cached');
    restore = makeReadOnly(join(repo.dir, '.git'));
    const result = runCliRespectingModes(['commit', '--yes'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^git-ai: git commit failed: fatal: Unable to create '.*\/\.git\/index\.lock': Permission denied Nothing was committed; the staged changes are still there\.\n$/,
    );
    expect(repo.git('diff', '--cached')).toBe(before);
  });
});

describe('a config file that cannot be read, through the hook', () => {
  it.each([
    [
      'garbage in it',
      () => writeFileSync(join(repo.home, '.config/git-ai/config.ini'), Buffer.from([0x5b, 0xff, 0xfe, 0, 0x3d, 0x0a])),
      /is not valid INI/,
    ],
    [
      'an unknown key',
      () => writeFileSync(join(repo.home, '.config/git-ai/config.ini'), '[default]\nbogus = 1\n'),
      /unknown config key 'bogus'/,
    ],
    ['a directory in its place', () => mkdirSync(join(repo.home, '.config/git-ai/config.ini')), /config file/i],
  ])('%s: the commit goes on with the offline message and one line says why', (_name, spoil, reason) => {
    repo = seed();
    repo.write('a.txt', 'alpha\nepsilon\n');
    repo.git('add', '.');
    expect(cli(['hook', 'install'], {}).code).toBe(0);
    mkdirSync(join(repo.home, '.config/git-ai'), { recursive: true });
    spoil();
    const commit = git(['commit', '-q'], {});
    expect(commit.code).toBe(0);
    const lines = commit.stderr.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^git-ai: .*; the offline engine wrote this message with the default settings$/),
      '',
    ]);
    expect(lines[0]).toMatch(reason);
    expect(git(['log', '-1', '--format=%s'], {}).stdout.trim()).toMatch(CONVENTIONAL_HEADER);
    expect(staged({})).toBe('');
  });
});
