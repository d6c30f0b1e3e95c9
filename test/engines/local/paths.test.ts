import { describe, expect, it } from 'vitest';
import { fileStem, pathTokens } from '../../../src/engines/local/paths.js';

describe('path helpers', () => {
  it.each([
    ['packages/runtime-core/src/components/Suspense.ts', ['packages', 'runtime-core', 'src', 'components', 'Suspense']],
    ['packages/core/__tests__/parse.spec.ts', ['packages', 'core', '__tests__', 'parse']],
    ['README.md', ['README']],
  ])('pathTokens(%s)', (path, tokens) => {
    expect(pathTokens(path)).toEqual(tokens);
  });

  it.each([
    ['src/parse.spec.ts', 'parse'],
    ['types/index.d.ts', 'index'],
    ['a/b/Main.java', 'Main'],
  ])('fileStem(%s) = %s', (path, stem) => {
    expect(fileStem(path)).toBe(stem);
  });
});
