// commitlint's findings as lines a person reads (the CLI's own form: a mark, the message, the rule's name).
import type { LintOutcome, LintRuleOutcome } from '@commitlint/types';

function line(mark: string, problem: LintRuleOutcome): string {
  return `${mark}   ${problem.message} [${problem.name}]`;
}

export function formatLintOutcome(outcome: LintOutcome): string {
  const lines = [
    ...outcome.errors.map((problem) => line('✖', problem)),
    ...outcome.warnings.map((problem) => line('⚠', problem)),
  ];
  const errors = outcome.errors.length;
  const warnings = outcome.warnings.length;
  lines.push(
    errors + warnings === 0
      ? '✔   the message passes every commitlint rule'
      : `${errors > 0 ? '✖' : '⚠'}   found ${errors} problem${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The names of the rules a message breaks at error level, for a one-line notice. */
export function failedRuleNames(outcome: LintOutcome): string[] {
  return [...new Set(outcome.errors.map((problem) => problem.name))];
}
