// The passes over secrets that span lines, each run only on text that holds what it looks for (each gate is a
// necessary condition of its pass finding anything). One gate for all five opened them all on code without semicolons
// (a line ending in a string): 23-24 ms of CPU per MB, 17-19 with a gate each (`npm run bench:redact`, load 5).
import {
  mayHoldKeyBody,
  redactKeyBodies,
  redactPrivateKeyBlocks,
  redactSecretBlocks,
  redactVariableDefaults,
  type LineFinding,
} from './key-material.js';
import { redactNameValuePairs } from './name-value-pairs.js';
import type { SecretRule } from './rule.js';
import { mayHoldJoinedLiterals, redactJoinedLiterals } from './joined-literals.js';
import { redactSplitValues } from './split-values.js';
import { mayHoldEscapedBody, redactEscapedBodies, redactMimeBodies } from './wrapped-key-bodies.js';
import { mayHoldYamlContinuation, redactYamlContinuations } from './yaml-continuations.js';

/** A pass over the lines of `text` (the text as it came: earlier passes rewrite lines, never their number). */
type Pass = (lines: string[], findings: LineFinding[], rules: readonly SecretRule[], text: string) => void;

/** A YAML block scalar's head (`key: |`) within a line. */
const BLOCK_SCALAR_HINT = /:[^\S\n]*[|>]/;
/** A Kubernetes Secret's kind (its `\s*` may run over a line's end and the next line's diff prefix). */
const SECRET_KIND_HINT = /kind["']?[\s+-]*:[\s+-]*["']?Secret/;
const VARIABLE_HINT = /variable\s+"/;
const isQuote = (char: string | undefined): boolean => char === '"' || char === "'";
const isBlank = (char: string | undefined): boolean => char !== undefined && char !== '\n' && /\s/.test(char);

/**
 * A `value` field at the start of a line (after its diff prefix, spaces and a quote), looked for from each `value`
 * outwards: a regex from every line start took ~1 ms per MB (`npm run bench:redact`), this ~0.2.
 */
function mayHoldNameValue(text: string): boolean {
  for (let at = text.indexOf('value'); at !== -1; at = text.indexOf('value', at + 5)) {
    let after = at + 5;
    if (isQuote(text[after])) after++;
    while (isBlank(text[after])) after++;
    if (text[after] !== ':') continue;
    let before = at - 1;
    if (isQuote(text[before])) before--;
    while (isBlank(text[before])) before--;
    if (text[before] === '+' || text[before] === '-') before--;
    if (before < 0 || text[before] === '\n') return true;
  }
  return false;
}
/** A line that ends in a string literal (and maybe a join operator) or a backslash, or literals joined inline. */
const SPLIT_HINT =
  /["'`][^\S\n]*(?:(?:\+|\.\.?|&|\|\||\\)[^\S\n]*)?(?:\n|$)|\\(?:\n|$)|["'`]\s*(?:\+|\.\.?|\|\|)\s*["'`]/;

export const MULTI_LINE_PASSES: ReadonlyArray<{ gate: (text: string) => boolean; run: Pass }> = [
  { gate: (text) => text.includes('PRIVATE KEY'), run: redactPrivateKeyBlocks },
  {
    gate: mayHoldKeyBody,
    run(lines, findings) {
      redactKeyBodies(lines, findings);
      redactMimeBodies(lines, findings);
    },
  },
  { gate: mayHoldEscapedBody, run: redactEscapedBodies },
  {
    gate: (text) => BLOCK_SCALAR_HINT.test(text) || (text.includes('Secret') && SECRET_KIND_HINT.test(text)),
    run: redactSecretBlocks,
  },
  { gate: mayHoldYamlContinuation, run: redactYamlContinuations },
  { gate: (text) => text.includes('variable') && VARIABLE_HINT.test(text), run: redactVariableDefaults },
  { gate: mayHoldNameValue, run: redactNameValuePairs },
  { gate: mayHoldJoinedLiterals, run: redactJoinedLiterals },
  { gate: (text) => SPLIT_HINT.test(text), run: (lines, findings, rules) => redactSplitValues(lines, rules, findings) },
];

/** Runs the passes whose gates `text` opens, in order, on its lines; undefined when none found anything. */
export function redactAcrossLines(
  text: string,
  rules: readonly SecretRule[],
): { text: string; findings: LineFinding[] } | undefined {
  let lines: string[] | undefined;
  const findings: LineFinding[] = [];
  for (const { gate, run } of MULTI_LINE_PASSES) {
    if (!gate(text)) continue;
    lines ??= text.split('\n');
    run(lines, findings, rules, text);
  }
  return lines === undefined || findings.length === 0 ? undefined : { text: lines.join('\n'), findings };
}
