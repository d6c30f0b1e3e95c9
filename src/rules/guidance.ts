// What the remote engine is told of the repository's rules: its commitlint constraints in words, where the ticket
// goes, and the team's instructions. Pure; the lines go into the writer's system prompt (and so into the budget).
import type { MessageConstraints } from './commitlint/constraints.js';
import { instructionLines } from './instructions.js';
import type { RepositoryRules } from './repository-rules.js';
import { formatReference } from './tickets/apply.js';

function describeCase(rule: { when: 'always' | 'never'; cases: readonly string[] }): string {
  return `${rule.when === 'always' ? 'must be' : 'must not be'} ${rule.cases.join(' or ')}`;
}

function constraintLines(constraints: MessageConstraints): string[] {
  const lines: string[] = [];
  if (constraints.types)
    lines.push(`- type: only ${constraints.types.join(', ')} (the closest is taken for any other).`);
  if (constraints.scopes)
    lines.push(
      `- scope: only ${constraints.scopes.join(', ')}${constraints.scopeRequired ? '; a scope is required' : '; or null'}.`,
    );
  else if (constraints.scopeRequired) lines.push('- scope: required, never null.');
  if (constraints.scopeForbidden) lines.push('- scope: always null.');
  if (constraints.headerMaxLength !== undefined)
    lines.push(`- the header line: at most ${constraints.headerMaxLength} characters.`);
  if (constraints.subjectCase)
    lines.push(
      `- subject: ${describeCase(constraints.subjectCase)}${constraints.subjectCase.when === 'always' && constraints.subjectCase.cases.includes('sentence-case') ? ' (its first letter upper-case)' : ''}.`,
    );
  if (constraints.subjectFullStop)
    lines.push(
      `- subject: ${constraints.subjectFullStop.when === 'always' ? 'ends with' : 'does not end with'} "${constraints.subjectFullStop.char}".`,
    );
  if (constraints.bodyRequired) lines.push('- body: required, never null.');
  if (constraints.bodyForbidden) lines.push('- body: always null.');
  if (constraints.bodyMaxLineLength !== undefined)
    lines.push(`- body: lines of at most ${constraints.bodyMaxLineLength} characters.`);
  return lines;
}

export function describeRepositoryRules(rules: RepositoryRules): string[] {
  const lines: string[] = [];
  const constraints = rules.constraints ? constraintLines(rules.constraints) : [];
  if (constraints.length > 0)
    lines.push(
      "The repository's commitlint configuration also requires (these win over the rules above):",
      ...constraints,
    );
  if (rules.ticket) {
    const reference = formatReference(rules.ticket.ticket, rules.ticket.form);
    lines.push(`The branch's ticket is ${reference}; git-ai adds the reference itself, so do not write it.`);
  }
  const instructions = instructionLines(rules.instructions);
  if (instructions.length > 0)
    lines.push("The team's instructions (follow them unless they contradict the rules above):", ...instructions);
  return lines;
}
