// The third probe's terminal half: what `git ai prompt` prints (diff text and file names as they are sent, in JSON,
// which escapes only C0 controls), and the default-ignorable characters a renderer draws as nothing, in a model's
// answer (through the built CLI and the loopback provider) and in the sanitiser.
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/security/sanitize.js';
import { toTerminalJson } from '../../src/security/terminal-json.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, createMathRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';

/** A terminal acts on these or draws text out of order: C1 controls (an 8-bit CSI, OSC), bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const TERMINAL_UNSAFE = /[\x1b\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Drawn as nothing: soft hyphen, grapheme joiner, Hangul fillers, Khmer inherent vowels, shorthand and musical format controls. */
const IGNORABLE = [
  '\u00ad',
  '\u034f',
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0',
  '\u17b4',
  '\u17b5',
  '\u{1bca0}',
  '\u{1d173}',
];

let repo: TempRepo | undefined;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  repo = undefined;
  await server?.close();
  server = undefined;
});

describe('probe round 3: git ai prompt on a terminal', () => {
  it('prints no C1 control or bidi override from a file name or a diff, and the same JSON value', async () => {
    repo = createMathRepo();
    // An 8-bit CSI clears the screen on terminals that take C1 in UTF-8; an RLO makes `txt.exe` read `exe.txt`.
    repo.write('src/report\u202etxt.exe', 'export const x = "\x9b2J\x9d0;owned\x9c\u2066hidden\u2069";\n');
    repo.git('add', '.');
    const shown = await runCliAsync(['prompt'], { cwd: repo.dir, env: repo.env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(TERMINAL_UNSAFE);
    const report = JSON.parse(shown.stdout) as { files: Array<{ path: string }>; requests: unknown };
    // What is sent is unchanged: the escapes are JSON's own, read back to the very characters.
    expect(report.files.map((file) => file.path)).toContain('src/report\u202etxt.exe');
    expect(JSON.stringify(report.requests)).toContain('\x9b2J');
  });

  it('--debug names each redaction at a file name without its controls', async () => {
    server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ text: 'feat: add report' }) });
    repo = createMathRepo();
    const token = `ghp_${'Qw8rT2zLp9Xv4Nc7Hs1Ja6Ke3Mb5Yd0GfAbZz'}`;
    repo.write('src/report\u202etxt\x9b2J.exe', `export const token = "${token}";\n`);
    repo.git('add', '.');
    const env = remoteEnv(server, repo.env);
    const result = await runCliAsync(['commit', '--dry-run', '--debug', '--no-cache'], { cwd: repo.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/redacted github-token at src\/report/);
    expect(result.stderr).not.toMatch(TERMINAL_UNSAFE);
    expect(result.stderr).not.toContain(token);
  });

  it('writes each such character as a \\u escape of the same value', () => {
    const value = { path: 'a\u202eb\x9b\u{e0041}\u00adc', plain: 'ok: ü ✓ 🏴' };
    const printed = toTerminalJson(value);
    expect(printed).not.toMatch(TERMINAL_UNSAFE);
    expect(printed).toContain('\\u202e');
    expect(printed).toContain('\\udb40\\udc41');
    expect(JSON.parse(printed)).toEqual(value);
    expect(toTerminalJson({ plain: value.plain })).toBe(JSON.stringify({ plain: value.plain }, null, 2));
  });
});

describe('probe round 3: characters drawn as nothing', () => {
  it.each(IGNORABLE.map((char) => [`U+${char.codePointAt(0)!.toString(16).toUpperCase()}`, char]))(
    'the sanitiser removes %s',
    (_name, char) => {
      expect(sanitizeLine(`fix: re${char}move the ${char}admin check`)).toBe('fix: remove the admin check');
      expect(sanitizeText(`a${char}b`)).toBe('ab');
    },
  );

  it('keeps the joiners of emoji and of Persian and Indic script, and variation selectors', () => {
    const text = 'feat: 👩\u200d💻 می\u200cخواهم ✔\ufe0f';
    expect(sanitizeText(text)).toBe(text);
  });

  it('a model answer holding them is printed and committed without them', async () => {
    const answer = `feat(math): add mul\u00adtiply\u3164\n\nThe\u034f new\u17b4 function.`;
    server = await startProviderServer({ apiKey: 'test-key', respond: () => ({ text: answer }) });
    repo = createMathRepo();
    repo.write('src/math.ts', MATH_WITH_MULTIPLY);
    repo.git('add', '.');
    const env = remoteEnv(server, repo.env, { GIT_AI_BODY: 'true' });
    const committed = await runCliAsync(['commit', '--yes', '--no-cache'], { cwd: repo.dir, env });
    expect(committed.code, committed.stderr).toBe(0);
    const object = repo.git('cat-file', 'commit', 'HEAD');
    for (const char of IGNORABLE) expect(object).not.toContain(char);
    expect(repo.git('log', '-1', '--format=%s')).toBe('feat(math): add multiply\n');
  });
});
