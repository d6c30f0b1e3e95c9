import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  isEntryFileName,
  isTempFileName,
  isValidKey,
  makeTempPath,
  resolveCacheDir,
  resolveEntryPath,
} from '../../src/cache/paths.js';

const key = 'ab'.padEnd(64, '0');

describe('resolveCacheDir', () => {
  it.each([
    ['XDG_CACHE_HOME wins', { XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, '/x/cache/git-ai'],
    ['falls back to HOME', { HOME: '/home/u' }, '/home/u/.cache/git-ai'],
    ['empty XDG_CACHE_HOME ignored', { XDG_CACHE_HOME: '', HOME: '/home/u' }, '/home/u/.cache/git-ai'],
    ['relative XDG_CACHE_HOME ignored', { XDG_CACHE_HOME: 'rel/cache', HOME: '/home/u' }, '/home/u/.cache/git-ai'],
    ['no HOME uses the OS home', {}, join(homedir(), '.cache', 'git-ai')],
  ])('%s', (_name, env, expected) => {
    expect(resolveCacheDir(env)).toBe(expected);
  });
});

describe('entry paths', () => {
  it('shards by the first two hex digits under a versioned root', () => {
    expect(resolveEntryPath('/c', key)).toBe(`/c/v1/ab/${key}.json`);
  });

  it.each([
    [key, true],
    ['0123456789abcdef', true],
    ['0123456789ABCDEF', false],
    ['../../etc/passwd', false],
    ['abc', false],
    ['', false],
  ])('isValidKey(%j) is %s', (candidate, expected) => {
    expect(isValidKey(candidate)).toBe(expected);
  });

  it('tells entry files from temp files', () => {
    const temp = makeTempPath(`${key}.json`, 123, 'ff00');
    expect(isEntryFileName(`${key}.json`)).toBe(true);
    expect(isEntryFileName(temp)).toBe(false);
    expect(isTempFileName(temp)).toBe(true);
    expect(isTempFileName(`${key}.json`)).toBe(false);
    expect(isEntryFileName('notes.json')).toBe(false);
  });
});
