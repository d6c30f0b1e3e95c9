// Joining symbol names into a subject: as many as fit, the rest counted.
import { describe, expect, it } from 'vitest';
import { joinNames } from '../../../src/engines/local/wording.js';

/** The plain definition: try every count from all the names down to one. */
function reference(names: string[], room: number): string {
  const unique = [...new Set(names)];
  for (let count = unique.length; count >= 1; count -= 1) {
    const shown = unique.slice(0, count);
    const rest = unique.length - count;
    const text =
      rest > 0
        ? `${shown.join(', ')} and ${rest} more`
        : shown.length <= 1
          ? (shown[0] ?? '')
          : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
    if (text.length <= room) return text;
  }
  return unique[0] ?? '';
}

describe('joinNames', () => {
  it('lists what fits and counts the rest', () => {
    expect(joinNames(['parse', 'render', 'mount'], 60)).toBe('parse, render and mount');
    expect(joinNames(['parse', 'render', 'mount'], 20)).toBe('parse and 2 more');
    expect(joinNames(['a', 'a', 'b'], 60)).toBe('a and b');
    expect(joinNames([], 60)).toBe('');
  });

  it('agrees with trying every count, for short and long lists of any name length', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const names = Array.from({ length: Math.floor(random() * 80) }, () =>
        String.fromCharCode(97 + Math.floor(random() * 26)).repeat(
          1 + Math.floor(random() * (random() < 0.5 ? 2 : 12)),
        ),
      );
      const room = Math.floor(random() * 90);
      expect(joinNames(names, room)).toBe(reference(names, room));
    }
  });
});
