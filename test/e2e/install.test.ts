// The package as npm ships it: `npm pack`, then `npm install -g` of the tarball into a temporary prefix, gives a
// working `git ai` (git finds it on PATH), its man page (`git ai --help` is `man git-ai`) and the licence notices.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATH_WITH_MULTIPLY, PROJECT_ROOT, createMathRepo, type TempRepo } from '../support/temp-repo.js';

let scratch: string;
let prefix: string;
let repo: TempRepo;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'git-ai-install-'));
  prefix = join(scratch, 'prefix');
  // dist/ is built by the suite's setup; prepack would rebuild it under the other tests' feet.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  const [tarball] = JSON.parse(packed) as Array<{ filename: string }>;
  if (!tarball) throw new Error(`npm pack wrote no tarball: ${packed}`);
  execFileSync(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(scratch, tarball.filename),
    ],
    { cwd: scratch, encoding: 'utf8', stdio: 'pipe' },
  );
  repo = createMathRepo();
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  env = {
    ...repo.env,
    PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
    MANPATH: join(prefix, 'share/man'),
    MANPAGER: 'cat',
    PAGER: 'cat',
    MANWIDTH: '100',
    LC_ALL: 'C',
  };
}, 180_000);

afterAll(() => {
  repo?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm pack, then npm install -g of the tarball', () => {
  it('`git ai` runs from the installed package', () => {
    const result = spawnSync('git', ['ai', 'commit', '--dry-run'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^feat\(math\): .*multiply/);
  });

  it('installs git-ai(1): `man git-ai` and `git ai --help` (git turns it into `git help ai`) show it', () => {
    expect(existsSync(join(prefix, 'share/man/man1/git-ai.1'))).toBe(true);
    const man = spawnSync('man', ['git-ai'], { env, encoding: 'utf8' });
    expect(man.status).toBe(0);
    expect(man.stdout).toMatch(/NAME\s+git-ai - write commit messages from the staged changes/);
    const help = spawnSync('git', ['ai', '--help'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/NAME\s+git-ai - write commit messages/);
  });

  it('ships the licence notices of the bundled libraries, and builds before packing', () => {
    const notices = readFileSync(join(prefix, 'lib/node_modules/git-ai/dist/THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['zod@', 'ai@', '@ai-sdk/openai@', 'gpt-tokenizer@', 'ini@', 'ignore@'])
      expect(notices).toContain(`\n${name}`);
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.prepack).toBe('npm run build');
  });
});
