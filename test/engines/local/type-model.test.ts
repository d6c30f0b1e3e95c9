import { describe, expect, it } from 'vitest';
import { analyseChange, generateLocalMessage } from '../../../src/engines/local/index.js';
import {
  bestType,
  contributions,
  explainType,
  scoreTypes,
  type TypeWeights,
} from '../../../src/engines/local/type-model.js';
import { makeDiff } from './make-diff.js';

const docs = analyseChange({ files: [makeDiff('docs/guide.md', ['-Old intro', '+New intro'])] });

describe('the type model', () => {
  it('scores from the weight table it is given', () => {
    const weights: TypeWeights = { shared: { docs: { only_docs: 2 }, fix: { bias: 1 } }, perType: {} };
    const scores = scoreTypes(docs.features, weights);
    expect(scores.get('docs')).toBe(2);
    expect(scores.get('fix')).toBe(1);
    expect(bestType(scores)).toBe('docs');
    expect(contributions(docs.features, 'docs', weights)).toEqual([{ feature: 'only_docs', value: 2 }]);
  });

  it('weighs per-type evidence with one weight for every type', () => {
    const withHistory = analyseChange({
      files: [makeDiff('src/a.ts', ['-a', '+b'])],
      fileHistory: { 'src/a.ts': ['perf: a', 'perf: b', 'perf: c', 'perf: d'] },
    });
    const weights: TypeWeights = { shared: { fix: { bias: 0.5 } }, perType: { file_share: 1 } };
    expect(bestType(scoreTypes(withHistory.features, weights))).toBe('perf');
  });

  it('explains the winner against the runner-up by the features that separate them', () => {
    const weights: TypeWeights = { shared: { docs: { only_docs: 2, bias: 0.1 }, fix: { bias: 1 } }, perType: {} };
    const text = explainType(docs.features, scoreTypes(docs.features, weights), weights);
    expect(text.split('\n')[0]).toBe('type docs 2.10, then fix 1.00');
    expect(text).toContain('+2.00 only_docs');
    expect(text).toContain('-0.90 bias');
  });

  it('reports what decided through explain', () => {
    const lines: string[] = [];
    generateLocalMessage({
      files: [makeDiff('docs/guide.md', ['-a', '+b'])],
      maxLength: 72,
      body: false,
      explain: (text) => lines.push(text),
    });
    expect(lines.join('\n')).toMatch(/^type docs /);
  });
});
