// The rows the fit scripts learn from: every commit of every data file, its diff parsed and analysed once.

import { parseUnifiedDiff } from '../../src/diff/parse.js';
import { analyseChange, type ChangeAnalysis } from '../../src/engines/local/index.js';
import { defaultDataFiles, findDataRoot, readCommits, type EvalCommit } from './data.js';

export interface AnalysedRow {
  row: EvalCommit;
  analysis: ChangeAnalysis;
}

/** Each kept row with a non-empty diff, analysed as the engine analyses a staged change; exits with one line when there is no data. */
export function* analysedRows(keep: (row: EvalCommit) => boolean = () => true): Generator<AnalysedRow> {
  const root = findDataRoot();
  const files = root ? defaultDataFiles(root) : [];
  if (files.length === 0) {
    console.error('error: no data found: set GIT_AI_EVAL_DATA to the folder holding eval/ and corpus/');
    process.exit(2);
  }
  for (const file of files) {
    for (const row of readCommits(file)) {
      if (!keep(row)) continue;
      const changed = parseUnifiedDiff(row.diff);
      if (changed.length === 0) continue;
      yield { row, analysis: analyseChange({ files: changed, history: row.history, fileHistory: row.file_history }) };
    }
  }
}
