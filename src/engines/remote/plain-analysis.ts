// A part's analysis read from plain text, as models write it: one line per file, `number | kind | significance |
// summary | symbols`. The same entries as the JSON object it replaces, at about half the output tokens (no keys, no
// quotes, no path: every output token costs ~8 ms, on the critical path of every multi-step run).
import type { FileEntry } from '../../diff/prepared.js';
import {
  ANALYSIS_KINDS,
  ANALYSIS_MAX_FILES,
  ANALYSIS_MAX_SYMBOLS,
  type Analysis,
} from '../../providers/answer-shapes.js';

/** The top of the significance scale the prompt asks for (`0` to this), one token whatever the digit. */
export const SIGNIFICANCE_SCALE = 9;

const KINDS = new Set<string>(ANALYSIS_KINDS);
/** A bullet, a number's dot or bold marks a model may put around a field. */
const DECORATION = /^[\s>*_`"'-]+|[\s*_`"'.]+$/g;

const clean = (field: string): string => field.replace(DECORATION, '');

/** The file a line names: its number in the part's list, or (a model that wrote it instead) its path. */
function fileOf(field: string, files: readonly FileEntry[]): FileEntry | undefined {
  const text = clean(field).replace(/^#/, '');
  const numbered = /^(\d+)(?:[.):]?\s+(\S+))?$/.exec(text);
  const byNumber = numbered ? files[Number.parseInt(numbered[1]!, 10) - 1] : undefined;
  const path = clean(numbered?.[2] ?? text).replace(/^[ab]\//, '');
  return files.find((file) => file.path === path) ?? byNumber;
}

/** `0`-`9` on the prompt's scale; a fraction (`0.75`) as the 0-1 score it is; anything else the middle. */
function significanceOf(field: string): number {
  const text = clean(field);
  const value = Number.parseFloat(text);
  if (!Number.isFinite(value)) return 0.5;
  const unit = text.includes('.') && value <= 1 ? value : value / SIGNIFICANCE_SCALE;
  return Math.min(1, Math.max(0, unit));
}

function symbolsOf(field: string | undefined): string[] {
  if (field === undefined) return [];
  return field
    .split(',')
    .map(clean)
    .filter((symbol) => symbol !== '' && !/^(none|n\/a|-)$/i.test(symbol))
    .slice(0, ANALYSIS_MAX_SYMBOLS);
}

/**
 * The entries of an analysis answer for a part of `files`: each line with a known file, the first for each file, at
 * most ANALYSIS_MAX_FILES. Lines that name no file of the part (a preamble, a header row, a fence, a remark) are left
 * out; an unknown kind is taken as `chore`. Undefined when no line is an entry: the answer is asked for once more.
 */
export function readPlainAnalysis(text: string, files: readonly FileEntry[]): Analysis | undefined {
  const entries: Analysis['files'] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const fields = line.split('|');
    if (fields.length < 4) continue;
    const file = fileOf(fields[0]!, files);
    if (file === undefined || seen.has(file.path)) continue;
    const kind = clean(fields[1]!).toLowerCase();
    const summary = clean(fields.slice(3, fields.length > 4 ? -1 : undefined).join('|'));
    if (summary === '') continue;
    seen.add(file.path);
    entries.push({
      path: file.path,
      summary: `${summary}.`,
      kind: (KINDS.has(kind) ? kind : 'chore') as Analysis['files'][number]['kind'],
      significance: significanceOf(fields[2]!),
      symbols: symbolsOf(fields.length > 4 ? fields.at(-1) : undefined),
    });
    if (entries.length === ANALYSIS_MAX_FILES) break;
  }
  return entries.length > 0 ? { files: entries } : undefined;
}
