// The mechanical repair, checked by commitlint's own linter with each configuration's rules.
import lint from '@commitlint/lint';
import conventional from '@commitlint/config-conventional';
import type { QualifiedRules } from '@commitlint/types';
import { describe, expect, it } from 'vitest';
import { readConstraints } from '../../src/rules/commitlint/constraints.js';
import { conformMessage } from '../../src/rules/conform.js';
import { parseMessage, renderMessage } from '../../src/rules/message-parts.js';

const base = conventional.rules as QualifiedRules;
const rulesWith = (extra: Record<string, unknown>): QualifiedRules => ({ ...base, ...extra }) as QualifiedRules;

async function repaired(
  text: string,
  rules: QualifiedRules,
  paths: string[] = [],
): Promise<{ text: string; errors: string[] }> {
  const result = renderMessage(conformMessage(parseMessage(text), readConstraints(rules), { paths }));
  const outcome = await lint(result, rules);
  return { text: result, errors: outcome.errors.map((error) => error.name) };
}

describe('conformMessage', () => {
  it.each([
    ['config-conventional', 'feat(api): Add the widget registry.', base, 'feat(api): add the widget registry'],
    [
      'header-max-length 50',
      'feat(widgets): add the widget registry with kinds, lookups and the loader',
      rulesWith({ 'header-max-length': [2, 'always', 50] }),
      'feat(widgets): add the widget registry with kinds',
    ],
    [
      'subject-case sentence-case',
      'fix: stop the crash on empty input',
      rulesWith({ 'subject-case': [2, 'always', 'sentence-case'] }),
      'fix: Stop the crash on empty input',
    ],
    [
      'a custom type-enum',
      'feat: add login',
      rulesWith({ 'type-enum': [2, 'always', ['feature', 'bugfix', 'chore']] }),
      'feature: add login',
    ],
    [
      'a type-enum without the type',
      'perf: cache the lookups',
      rulesWith({ 'type-enum': [2, 'always', ['feat', 'fix', 'chore']] }),
      'fix: cache the lookups',
    ],
    [
      'a full stop required',
      'docs: explain the flags',
      rulesWith({ 'subject-full-stop': [2, 'always', '.'] }),
      'docs: explain the flags.',
    ],
  ])('%s: %s', async (_name, text, rules, expected) => {
    const result = await repaired(text, rules);
    expect(result).toEqual({ text: expected, errors: [] });
  });

  it('maps a scope onto scope-enum, by name or from the changed paths, and drops one that fits nothing', async () => {
    const rules = rulesWith({ 'scope-enum': [2, 'always', ['api', 'web', 'docs']] });
    expect(await repaired('feat(api-client): add retries', rules)).toEqual({
      text: 'feat(api): add retries',
      errors: [],
    });
    expect(await repaired('feat(widgets): add retries', rules, ['packages/web/src/widgets.ts'])).toEqual({
      text: 'feat(web): add retries',
      errors: [],
    });
    expect(await repaired('feat(widgets): add retries', rules, ['src/widgets.ts'])).toEqual({
      text: 'feat: add retries',
      errors: [],
    });
  });

  it('finds a required scope in the changed paths', async () => {
    const rules = rulesWith({ 'scope-empty': [2, 'never'] });
    expect(
      await repaired('fix: stop the crash', rules, [
        'packages/parser/src/read.ts',
        'packages/parser/test/read.test.ts',
      ]),
    ).toEqual({ text: 'fix(parser): stop the crash', errors: [] });
  });

  it('wraps body lines at body-max-line-length, bullets indented under their text', async () => {
    const rules = rulesWith({ 'body-max-line-length': [2, 'always', 40] });
    const result = await repaired(
      'feat: add the registry\n\n- registers every widget by its kind so that lookups find it\n- keeps the loader apart',
      rules,
    );
    expect(result.errors).toEqual([]);
    expect(result.text).toBe(
      'feat: add the registry\n\n- registers every widget by its kind so\n  that lookups find it\n- keeps the loader apart',
    );
  });

  it('cannot invent a required body or footer: commitlint still names them', async () => {
    const result = await repaired(
      'feat: add the registry',
      rulesWith({ 'body-empty': [2, 'never'], 'footer-empty': [2, 'never'] }),
    );
    expect(result.errors.sort()).toEqual(['body-empty', 'footer-empty']);
  });
});
