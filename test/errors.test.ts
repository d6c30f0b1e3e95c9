// File system errors a user can fix become one line naming what failed, the path it concerns and what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeUserError, toFileAccessError, withFileAction } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'git-ai-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

describe('toFileAccessError', () => {
  it.each([
    [
      'EACCES',
      'open',
      join(dir, 'new.tmp'),
      /^Could not save x: permission denied \(.*git-ai-errors-\w+\)\. Check the owner and mode of /,
    ],
    ['EACCES', 'open', dir, /^Could not save x: permission denied \(.*git-ai-errors-\w+\)\. Check the owner/], // exists: the path itself
    [
      'EROFS',
      'mkdir',
      join(dir, 'sub'),
      /^Could not save x: the file system is read-only \(.*git-ai-errors-\w+\)\. Remount/,
    ],
    ['ENOSPC', 'write', join(dir, 'f'), /^Could not save x: no space left on the device \(.*\/f\)\. Free some space/],
    [
      'EISDIR',
      'rename',
      join(dir, 'config.ini'),
      /^Could not save x: a directory is in the way \(.*\/config\.ini\)\. Move the directory .*config\.ini away/,
    ],
    ['EPERM', 'unlink', join(dir, 'f'), /^Could not save x: operation not permitted \(.*git-ai-errors-\w+\)\. /],
  ])('%s on %s', (code, syscall, path, pattern) => {
    const error = toFileAccessError(errno(code, syscall, path), 'save x');
    expect(error?.code).toBe('FILE_ACCESS');
    expect(error?.exitCode).toBe(1);
    expect(describeUserError(error!)).toMatch(pattern);
  });

  it('names the call when no action is given', () => {
    expect(toFileAccessError(errno('EACCES', 'open', dir))?.message).toBe(`Could not open ${dir}: permission denied.`);
  });

  it('leaves other errors alone: a missing file, a bug, a non-error', () => {
    expect(toFileAccessError(errno('ENOENT', 'open', join(dir, 'gone')))).toBeUndefined();
    expect(toFileAccessError(new TypeError('x is not a function'))).toBeUndefined();
    expect(toFileAccessError('EACCES')).toBeUndefined();
  });

  it('withFileAction maps a failure and passes a result through', async () => {
    await expect(
      withFileAction('save x', () => Promise.reject(errno('EACCES', 'mkdir', join(dir, 'a')))),
    ).rejects.toMatchObject({ code: 'FILE_ACCESS' });
    await expect(withFileAction('save x', () => Promise.reject(new RangeError('bug')))).rejects.toBeInstanceOf(
      RangeError,
    );
    await expect(withFileAction('save x', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
