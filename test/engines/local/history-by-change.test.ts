import { afterEach, describe, expect, it } from 'vitest';
import { analyseChange } from '../../../src/engines/local/index.js';
import { bestType, explainType, scoreTypes, type TypeWeights } from '../../../src/engines/local/type-model.js';
import type { TempRepo } from '../../support/temp-repo.js';
import { stageChange, type ChangeSpec } from './staged-change.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function analyse(spec: ChangeSpec) {
  const staged = stageChange(spec);
  repo = staged.repo;
  return analyseChange(staged.input);
}

// The files' own subjects say perf; the staged change is either the source file again or its guide.
const HISTORY: ChangeSpec['commits'] = [
  {
    subject: 'perf: cache the parsed config',
    files: { 'src/load.ts': 'export const a = 1;\n', 'docs/load.md': '# Load\n' },
  },
  {
    subject: 'perf: skip the second read',
    files: { 'src/load.ts': 'export const a = 2;\n', 'docs/load.md': '# Load it\n' },
  },
];

describe("the history's evidence by kind of change", () => {
  it('carries the files own subjects into the feature of a source-only change, not of a docs-only one', () => {
    const source = analyse({
      before: { 'src/load.ts': 'export const a = 0;\n', 'docs/load.md': '# L\n' },
      commits: HISTORY,
      after: { 'src/load.ts': 'export const a = 3;\n' },
    });
    const perf = source.features.perType.perf;
    expect(perf.file_share).toBeGreaterThan(0);
    expect(perf.file_share_when_only_source).toBe(perf.file_share);
    expect(perf.file_share_when_only_docs).toBe(0);
    expect(source.features.perType.fix.file_share_when_only_source).toBe(0);

    const docs = analyse({
      before: { 'src/load.ts': 'export const a = 0;\n', 'docs/load.md': '# L\n' },
      commits: HISTORY,
      after: { 'docs/load.md': '# Loading\n\nIt reads the file once.\n' },
    });
    expect(docs.features.perType.perf.file_share_when_only_docs).toBe(docs.features.perType.perf.file_share);
    expect(docs.features.perType.perf.file_share_when_only_source).toBe(0);
  });

  it('lets one weight decide, and names it in the explanation', () => {
    const analysis = analyse({
      before: { 'src/load.ts': 'export const a = 0;\n', 'docs/load.md': '# L\n' },
      commits: HISTORY,
      after: { 'src/load.ts': 'export const a = 3;\n' },
    });
    const weights: TypeWeights = { shared: { fix: { bias: 0.2 } }, perType: { file_share_when_only_source: 2 } };
    const scores = scoreTypes(analysis.features, weights);
    expect(bestType(scores)).toBe('perf');
    expect(explainType(analysis.features, scores, weights)).toMatch(/\+\d\.\d\d file_share_when_only_source\[type\]/);
  });
});
