// Names the kind of fix a diff makes when its lines show it: a new guard, a flipped condition, a boundary, an await.

import type { FileChange } from './changes.js';

const COMPARISON = /<=|>=|<|>/g;

/** "handle missing options", "handle empty items", "correct boundary check", ... or undefined when nothing is recognisable. */
export function describeFix(files: FileChange[]): string | undefined {
  for (const change of files) {
    const paired = describePairs(change);
    if (paired) return paired;
  }
  for (const change of files) {
    const before = new Set(change.removedLines.map((line) => line.trim()));
    for (const line of change.addedLines) {
      if (before.has(line.trim())) continue;
      const guard = describeGuard(line);
      if (guard) return guard;
    }
  }
  return undefined;
}

/** Lines replaced one for one where only an operator or an await changed. */
function describePairs(change: FileChange): string | undefined {
  const { addedLines: added, removedLines: removed } = change;
  if (added.length !== removed.length || added.length === 0 || added.length > 6) return undefined;
  for (const [index, before] of removed.entries()) {
    const after = added[index] ?? '';
    if (before === after) continue;
    if (before.replace(COMPARISON, '<') === after.replace(COMPARISON, '<') && /[<>]/.test(before))
      return 'correct boundary check';
    if (flip(before) === after || flip(after) === before) return 'correct inverted condition';
    if (after.replace(/\bawait\s+/, '') === before) return 'add missing await';
  }
  return undefined;
}

function flip(line: string): string {
  if (/===|!==/.test(line)) return line.replace(/===|!==/, (op) => (op === '===' ? '!==' : '==='));
  if (/\bif\s*\(\s*!/.test(line)) return line.replace(/\bif\s*\(\s*!/, 'if (');
  return line.replace(/\bif\s*\(/, 'if (!');
}

function describeGuard(line: string): string | undefined {
  const empty = /!\s*([\w$.]+)\.length\b|([\w$.]+)\.length\s*===?\s*0/.exec(line);
  const emptyName = name(empty?.[1] ?? empty?.[2]);
  if (emptyName) return `handle empty ${emptyName}`;
  const missing =
    /if\s*\(\s*!\s*([\w$.]+)\s*\)|([\w$.]+)\s*[!=]==?\s*(?:null|undefined|nil|None)\b|\b([\w$.]+)\s+is\s+None\b/.exec(
      line,
    );
  const missingName = name(missing?.[1] ?? missing?.[2] ?? missing?.[3]);
  if (missingName) return `handle missing ${missingName}`;
  if (/\btry\s*\{|\bcatch\s*\(|^\s*except\b|\bif\s+err\s*!=\s*nil\b/.test(line)) return 'handle errors';
  return undefined;
}

/** The last property of an expression, unless it is a flag (ALL_CAPS, __DEV__) or too short to mean anything. */
function name(expression: string | undefined): string | undefined {
  const last = expression?.split('.').filter(Boolean).pop();
  if (!last || last.length < 2 || /^_*[A-Z0-9_]+_*$/.test(last) || last === 'this') return undefined;
  return last;
}
