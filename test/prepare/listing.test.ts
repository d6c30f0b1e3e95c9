// The listing's numbers: grouped as en-US writes them, without loading Intl.
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/prepare/listing.js';

describe('groupDigits', () => {
  it('groups every integer as en-US does', () => {
    const intl = new Intl.NumberFormat('en-US');
    const values = [
      0,
      7,
      42,
      999,
      1000,
      1001,
      12_034,
      99_999,
      100_000,
      123_456,
      1_000_000,
      9_876_543_210,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const value of values) expect(groupDigits(value)).toBe(intl.format(value));
    for (let value = 1; value < 1e15; value = value * 7 + 3) expect(groupDigits(value)).toBe(intl.format(value));
  });
});
