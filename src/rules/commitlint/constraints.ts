// What a commitlint configuration asks of a message, read from its rules into the few facts the engines write to.
import type { QualifiedRules } from '@commitlint/types';

export interface CaseRule {
  when: 'always' | 'never';
  cases: string[];
}

export interface MessageConstraints {
  /** type-enum: the only types allowed, in the configuration's order. */
  types?: string[];
  /** type-empty never (or a type-enum): the header must be `type(scope): subject`. */
  typeRequired: boolean;
  typeCase?: CaseRule;
  /** scope-enum: the only scopes allowed. */
  scopes?: string[];
  /** scope-empty never / always. */
  scopeRequired: boolean;
  scopeForbidden: boolean;
  scopeCase?: CaseRule;
  headerMaxLength?: number;
  subjectCase?: CaseRule;
  /** subject-full-stop: the character, and whether the subject must (always) or must not (never) end with it. */
  subjectFullStop?: { when: 'always' | 'never'; char: string };
  bodyMaxLineLength?: number;
  bodyLeadingBlank: boolean;
  /** body-empty never / always. */
  bodyRequired: boolean;
  bodyForbidden: boolean;
  /** footer-empty never, or references-empty never: a footer (a ticket reference) is required. */
  footerRequired: boolean;
  /** trailer-exists / signed-off-by: trailers the message must carry, e.g. "Signed-off-by:". */
  trailers: string[];
}

type Applicable = 'always' | 'never';

/** The rule's [when, value] when it is switched on (warning or error), else undefined. */
function active(rules: QualifiedRules, name: string): { when: Applicable; value: unknown } | undefined {
  const rule = (rules as Record<string, unknown>)[name];
  if (!Array.isArray(rule) || typeof rule[0] !== 'number' || rule[0] === 0) return undefined;
  return { when: rule[1] === 'never' ? 'never' : 'always', value: rule[2] };
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? [value]
      : undefined;

function caseRule(rules: QualifiedRules, name: string): CaseRule | undefined {
  const rule = active(rules, name);
  const cases = strings(rule?.value);
  return rule && cases && cases.length > 0 ? { when: rule.when, cases } : undefined;
}

function number(rules: QualifiedRules, name: string): number | undefined {
  const rule = active(rules, name);
  return rule?.when === 'always' && typeof rule.value === 'number' && rule.value > 0 ? rule.value : undefined;
}

/** The scopes of scope-enum, whether written as a list or as commitlint 19's `{ scopes, delimiters }` form. */
function scopeList(value: unknown): string[] | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return strings((value as { scopes?: unknown }).scopes);
  return strings(value);
}

export function readConstraints(rules: QualifiedRules): MessageConstraints {
  const typeEnum = active(rules, 'type-enum');
  const scopeEnum = active(rules, 'scope-enum');
  const fullStop = active(rules, 'subject-full-stop');
  const types = typeEnum?.when === 'always' ? strings(typeEnum.value) : undefined;
  const scopes = scopeEnum?.when === 'always' ? scopeList(scopeEnum.value) : undefined;
  const trailers = ['trailer-exists', 'signed-off-by'].flatMap((name) => {
    const rule = active(rules, name);
    return rule?.when === 'always' ? [typeof rule.value === 'string' ? rule.value : 'Signed-off-by:'] : [];
  });
  const constraints: MessageConstraints = {
    typeRequired: active(rules, 'type-empty')?.when === 'never' || (types !== undefined && types.length > 0),
    scopeRequired: active(rules, 'scope-empty')?.when === 'never',
    scopeForbidden: active(rules, 'scope-empty')?.when === 'always',
    bodyLeadingBlank: active(rules, 'body-leading-blank')?.when === 'always',
    bodyRequired: active(rules, 'body-empty')?.when === 'never',
    bodyForbidden: active(rules, 'body-empty')?.when === 'always',
    footerRequired:
      active(rules, 'footer-empty')?.when === 'never' || active(rules, 'references-empty')?.when === 'never',
    trailers: [...new Set(trailers)],
  };
  if (types && types.length > 0) constraints.types = types;
  if (scopes && scopes.length > 0) constraints.scopes = scopes;
  const typeCase = caseRule(rules, 'type-case');
  if (typeCase) constraints.typeCase = typeCase;
  const scopeCase = caseRule(rules, 'scope-case');
  if (scopeCase) constraints.scopeCase = scopeCase;
  const subjectCase = caseRule(rules, 'subject-case');
  if (subjectCase) constraints.subjectCase = subjectCase;
  const headerMax = number(rules, 'header-max-length');
  if (headerMax !== undefined) constraints.headerMaxLength = headerMax;
  const bodyMax = number(rules, 'body-max-line-length');
  if (bodyMax !== undefined) constraints.bodyMaxLineLength = bodyMax;
  if (fullStop)
    constraints.subjectFullStop = {
      when: fullStop.when,
      char: typeof fullStop.value === 'string' ? fullStop.value : '.',
    };
  return constraints;
}
