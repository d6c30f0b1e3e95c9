// A hundred `git commit --no-edit`s in a row through the installed hook (offline engine) over every kind of change git
// records: each gets a generated message, clean and whole, and each commit holds exactly what was staged.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../support/synthetic-diff.js';
import { CONVENTIONAL_HEADER, createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

const COMMITS = 100;
/** Separates the messages the recording hook keeps (a byte no message can hold once sanitised). */
const RECORD_END = '\u001e';

let repo: TempRepo;
afterAll(() => repo?.cleanup());

/** Regular text files the changes rename, move, edit and delete, oldest first. */
const live: string[] = [];
let serial = 0;

function source(name: string, lines: number): string {
  return (
    Array.from({ length: lines }, (_unused, line) => `export const ${name}${line} = ${line * 7};`).join('\n') + '\n'
  );
}

function add(path: string, content: string | Buffer = source(`value${serial}_`, 4)): void {
  repo.write(path, content);
  if (typeof content === 'string' && content.length > 0) live.push(path);
}

/** A tracked text file to change, taken from the pool (and put back unless the change removes it). */
function takeLive(keep: boolean): string {
  const path = live.shift();
  if (path === undefined) throw new Error('the pool of files ran dry');
  if (keep) live.push(path);
  return path;
}

const full = (path: string): string => join(repo.dir, path);

/** Each change, in turn; the index picks names so no two steps collide. */
const CHANGES: Array<(index: number) => void> = [
  (index) => add(`src/feature-${index}.ts`, source(`feature${index}_`, 12)),
  (index) => add(`docs/données ünïcode ${index}.md`, `# Données ${index}\n\nÜber die Änderung, naïve café.\n`),
  (index) => add(`notes/with some spaces ${index}.txt`, `a note with spaces in its name: ${index}\n`),
  (index) => {
    const from = takeLive(false);
    const to = from.replace(/(\.\w+)$/, `-renamed-${index}$1`);
    renameSync(full(from), full(to));
    live.push(to);
  },
  (index) => {
    const from = takeLive(false);
    const to = `moved/${index}/${from.split('/').pop()!}`;
    repo.write(to, readFileSync(full(from)));
    rmSync(full(from));
    live.push(to);
  },
  () => rmSync(full(takeLive(false))),
  (index) => {
    const script = `bin/tool-${index}.sh`;
    add(script, `#!/bin/sh\necho ${index}\n`);
    chmodSync(full(script), 0o755);
  },
  () => {
    // A mode change alone: the content stays as it was.
    const path = full(takeLive(true));
    chmodSync(path, statSync(path).mode & 0o100 ? 0o644 : 0o755);
  },
  (index) => {
    mkdirSync(full('links'), { recursive: true });
    symlinkSync(`../${takeLive(true)}`, full(`links/link-${index}`));
  },
  (index) =>
    add(`assets/blob-${index}.bin`, Buffer.from(Array.from({ length: 512 }, (_unused, byte) => (byte * index) % 256))),
  (index) => add(`empty/placeholder-${index}`, ''),
  (index) => appendFileSync(full('log/history.txt'), source(`appended${index}_`, 1000)),
  () => {
    // Whitespace only: every line indented and given trailing spaces.
    const path = takeLive(true);
    const text = readFileSync(full(path), 'utf8');
    writeFileSync(
      full(path),
      text.replace(/^(.*)$/gm, (line) => (line ? `  ${line}  ` : line)),
    );
  },
  (index) => {
    // Several kinds at once: an edit, a rename and a removal.
    const edited = takeLive(true);
    appendFileSync(full(edited), `export const edited${index} = true;\n`);
    const renamed = takeLive(false);
    const to = renamed.replace(/(\.\w+)$/, `-also-${index}$1`);
    renameSync(full(renamed), full(to));
    live.push(to);
    rmSync(full(takeLive(false)));
  },
];

function git(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd: repo.dir, env: repo.env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('the hook over a hundred commits', () => {
  it(`${COMMITS} consecutive \`git commit --no-edit\`: a message for each, nothing lost`, () => {
    repo = createTempRepo();
    for (let index = 0; index < 8; index++) add(`src/base-${index}.ts`, source(`base${index}_`, 6 + index));
    repo.write('log/history.txt', 'the log starts here\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'chore: start the repository');
    // A hook already there, which keeps what git-ai wrote (before git's own clean-up), chained after git-ai.
    const recorded = join(repo.home, 'messages');
    writeFileSync(
      full('.git/hooks/prepare-commit-msg'),
      `#!/bin/sh\n{ cat "$1"; printf '${RECORD_END}'; } >> '${recorded}'\n`,
      { mode: 0o755 },
    );
    expect(runCli(['hook', 'install', '--force'], { cwd: repo.dir, env: repo.env }).code).toBe(0);

    const random = seededRandom(11);
    const staged: string[] = [];
    const failures: string[] = [];
    for (let index = 0; index < COMMITS; index++) {
      serial = index;
      CHANGES[index % CHANGES.length]!(index);
      // Now and then an ordinary edit rides along with the change of the step.
      if (random() < 0.2) appendFileSync(full(takeLive(true)), `// touched in step ${index}\n`);
      git(['add', '-A']);
      staged.push(git(['write-tree']).stdout.trim());
      const commit = git(['commit', '--no-edit', '-q']);
      if (commit.code !== 0 || commit.stderr !== '')
        failures.push(`step ${index}: exit ${commit.code}: ${commit.stderr}`);
    }
    expect(failures).toEqual([]);

    // Each commit holds the tree that was staged for it, in order, and nothing is left staged or unstaged.
    const log = git(['log', `-${COMMITS}`, '--reverse', '--format=%T%x00%B%x1e']).stdout;
    const commits = log
      .split('\x1e')
      .map((entry) => entry.replace(/^\n/, ''))
      .filter(Boolean)
      .map((entry) => {
        const [tree, message] = entry.split('\0') as [string, string];
        return { tree, message };
      });
    expect(commits.map((entry) => entry.tree)).toEqual(staged);
    expect(git(['status', '--porcelain']).stdout).toBe('');

    // What git-ai wrote, each time: a message (a Conventional header first), no control character, a final newline.
    const messages = readFileSync(recorded, 'utf8').split(RECORD_END).slice(0, -1);
    expect(messages).toHaveLength(COMMITS);
    for (const [index, message] of messages.entries()) {
      const subject = message.split('\n')[0]!;
      expect({ index, subject }).toEqual({ index, subject: expect.stringMatching(CONVENTIONAL_HEADER) });
      expect({ index, controls: [...message].filter((char) => char < ' ' && char !== '\n' && char !== '\t') }).toEqual({
        index,
        controls: [],
      });
      expect({ index, end: message.slice(-1) }).toEqual({ index, end: '\n' });
      expect(commits[index]!.message.split('\n')[0]).toBe(subject);
    }
  }, 600_000);
});
