import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'ini';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editIniText, readIniFile, readIniSection, writeFileAtomic } from '../../src/config/ini-file.js';
import { UserError } from '../../src/errors.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'git-ai-ini-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const isModel = (name: string) => name.toLowerCase().replace(/[-_]/g, '') === 'model';
const setModel = (value: string) => ({ section: 'default', matches: isModel, entry: { name: 'model', value } });

describe('readIniFile', () => {
  it('returns undefined for a missing file', async () => {
    expect(await readIniFile(join(root, 'none.ini'))).toBeUndefined();
  });

  it('returns the text of a valid file', async () => {
    const path = join(root, 'ok.ini');
    const text = '; comment\n# another\n\ntop = level\n[default]\nmodel = gpt\n  spaced = yes  \n[other]\nx\n';
    writeFileSync(path, text);
    expect(await readIniFile(path)).toBe(text);
  });

  it.each([
    ['binary data', Buffer.from([0x5b, 0x64, 0x5d, 0x0a, 0x00, 0x01, 0x02])],
    ['not UTF-8', Buffer.from([0x5b, 0x64, 0x5d, 0x0a, 0x61, 0x3d, 0xff, 0xfe])],
    ['an unclosed section header', '[default\nmodel = x\n'],
    ['a value without a key', '[default]\n= x\n'],
    ['a blank key', '[default]\n   = x\n'],
    ['a section header after a key', '[default]\nmodel = x\n[other] trailing\n'],
  ])('refuses a corrupt file: %s, naming it and `git-ai config reset`', async (_case, content) => {
    const path = join(root, 'bad.ini');
    writeFileSync(path, content);
    const error = await readIniFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('CONFIG_INVALID');
    expect((error as UserError).message).toContain(path);
    expect((error as UserError).hint).toContain('git-ai config reset');
  });

  it('says which line is wrong', async () => {
    const path = join(root, 'bad.ini');
    writeFileSync(path, '[default]\r\nmodel = x\r\n=oops\r\n');
    await expect(readIniFile(path)).rejects.toThrow(/line 3 /);
  });
});

describe('readIniSection', () => {
  it.each([
    ['plain', '[default]\nmodel = gpt\n', [{ name: 'model', value: 'gpt' }]],
    [
      'other sections and top-level keys are not read',
      'model = top\n[other]\nmodel = o\n[default]\nbody = no\n',
      [{ name: 'body', value: 'no' }],
    ],
    [
      'a section given twice is read in order',
      '[default]\na = 1\n[x]\n[default]\na = 2\n',
      [
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ],
    ],
    [
      'comments, quotes and escapes as `ini` reads them',
      '[default]\na = x ; note\nb = "  padded "\nc = a\\;b\n',
      [
        { name: 'a', value: 'x' },
        { name: 'b', value: '  padded ' },
        { name: 'c', value: 'a;b' },
      ],
    ],
    ['a bare key is true', '[default]\ncache\n', [{ name: 'cache', value: 'true' }]],
    ['a header with spaces', '[ default ]\nx = 1\n', [{ name: 'x', value: '1' }]],
    ['CRLF', '[default]\r\nmodel = gpt\r\n', [{ name: 'model', value: 'gpt' }]],
  ])('%s', (_case, text, entries) => {
    expect(readIniSection(text, 'default', 'f.ini')).toEqual(entries);
  });
});

describe('editIniText', () => {
  it.each([
    ['creates the section in an empty file', '', setModel('gpt'), '[default]\nmodel = gpt\n'],
    [
      'replaces in place, keeping comments and other sections',
      '# mine\n[default]\n; about model\nmodel = old  ; why\nbody = no\n\n[other]\nmodel = keep\n',
      setModel('new'),
      '# mine\n[default]\n; about model\nmodel = new\nbody = no\n\n[other]\nmodel = keep\n',
    ],
    [
      'replaces another spelling and drops duplicates',
      '[default]\nMODEL = a\nbody = no\nmo_del = b\n',
      setModel('c'),
      '[default]\nmodel = c\nbody = no\n',
    ],
    [
      'appends after the last entry of the section',
      '[default]\nbody = no\n\n; other things\n[other]\nx = 1\n',
      setModel('gpt'),
      '[default]\nbody = no\nmodel = gpt\n\n; other things\n[other]\nx = 1\n',
    ],
    [
      'appends the section after other content',
      '[other]\nx = 1',
      setModel('gpt'),
      '[other]\nx = 1\n\n[default]\nmodel = gpt\n',
    ],
    [
      'keeps CRLF line ends',
      '[default]\r\nbody = no\r\n',
      setModel('gpt'),
      '[default]\r\nbody = no\r\nmodel = gpt\r\n',
    ],
    [
      'adds a line end to a last line without one',
      '[default]\nbody = no',
      setModel('gpt'),
      '[default]\nbody = no\nmodel = gpt\n',
    ],
    [
      'removes every spelling of the key',
      '[default]\nmodel = a\nbody = no\nMODEL = b\n[other]\nmodel = keep\n',
      { section: 'default', matches: isModel },
      '[default]\nbody = no\n[other]\nmodel = keep\n',
    ],
    [
      'removing a missing key changes nothing',
      '# c\n[default]\nbody = no\n',
      { section: 'default', matches: isModel },
      '# c\n[default]\nbody = no\n',
    ],
  ])('%s', (_case, text, edit, expected) => {
    expect(editIniText(text, edit, 'f.ini')).toBe(expected);
  });

  it.each([
    'a;b',
    'a#b',
    'x = y',
    '  padded ',
    '"quoted"',
    '[bracket',
    'back\\;slash',
    'c:\\path\\',
    'sk-proj-AbC_123/+=',
  ])('writes %j so that it reads back the same, with this code and with ini.decode', (value) => {
    const text = editIniText('[default]\n', setModel(value), 'f.ini');
    expect(readIniSection(text, 'default', 'f.ini')).toEqual([{ name: 'model', value }]);
    expect(decode(text).default.model).toBe(value);
  });
});

describe('writeFileAtomic', () => {
  it('creates the directory (0700) and the file (0600)', async () => {
    const path = join(root, 'a', 'b', 'config.ini');
    await writeFileAtomic(path, 'x = 1\n');
    expect(readFileSync(path, 'utf8')).toBe('x = 1\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'a', 'b')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['config.ini']);
  });

  it('replaces an existing file, tightening its mode, and leaves no temp file', async () => {
    const path = join(root, 'config.ini');
    writeFileSync(path, 'old\n', { mode: 0o644 });
    await writeFileAtomic(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(root)).toEqual(['config.ini']);
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    mkdirSync(join(root, 'dotfiles'));
    const target = join(root, 'dotfiles', 'git-ai.ini');
    writeFileSync(target, 'old\n');
    const link = join(root, 'config.ini');
    symlinkSync(target, link);
    await writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(join(root, 'dotfiles'))).toEqual(['git-ai.ini']);
  });

  it('leaves the old file and no temp file when the rename fails', async () => {
    const path = join(root, 'config.ini');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    await expect(writeFileAtomic(path, 'new\n')).rejects.toThrow();
    expect(readdirSync(root)).toEqual(['config.ini']);
  });
});
