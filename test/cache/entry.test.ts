import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry } from '../../src/cache/entry.js';

const key = 'cd'.padEnd(64, '1');
const value = { summary: 'adds parser', files: ['a.ts'], score: 0.5, nested: { b: 1, a: [true, null] } };
const body = encodeEntry({ key, createdAt: 1_700_000_000_000, value }) ?? '';

function tamper(change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(body) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file);
}

describe('encodeEntry / decodeEntry', () => {
  it('round-trips a value with its envelope', () => {
    expect(JSON.parse(body)).toMatchObject({ v: 1, key, createdAt: 1_700_000_000_000, value });
    expect(decodeEntry(body, key)).toEqual({ ok: true, value });
  });

  it('encodes nothing for undefined', () => {
    expect(encodeEntry({ key, createdAt: 0, value: undefined })).toBeUndefined();
  });

  it.each([
    ['garbage', 'not json at all', 'invalid JSON'],
    ['truncated JSON', body.slice(0, body.length - 9), 'invalid JSON'],
    ['empty file', '', 'invalid JSON'],
    ['an array', '[1,2]', 'not an object'],
    ['wrong version', tamper((file) => (file.v = 2)), 'wrong version'],
    ['key mismatch', tamper((file) => (file.key = 'ee'.padEnd(64, '2'))), 'key mismatch'],
    ['missing value', tamper((file) => delete file.value), 'missing checksum or value'],
    ['edited value', tamper((file) => (file.value = { ...value, summary: 'edited' })), 'checksum mismatch'],
    ['edited checksum', tamper((file) => (file.checksum = '0'.repeat(64))), 'checksum mismatch'],
  ])('rejects %s', (_name, text, reason) => {
    expect(decodeEntry(text, key)).toEqual({ ok: false, reason });
  });
});
