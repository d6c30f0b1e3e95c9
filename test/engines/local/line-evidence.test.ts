import { afterEach, describe, expect, it } from 'vitest';
import { analyseChange, generateLocalMessage } from '../../../src/engines/local/index.js';
import { collectLineEvidence } from '../../../src/engines/local/line-evidence.js';
import type { TempRepo } from '../../support/temp-repo.js';
import { stageChange, type ChangeSpec } from './staged-change.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function evidenceOf(spec: ChangeSpec) {
  const staged = stageChange(spec);
  repo = staged.repo;
  return { analysis: analyseChange(staged.input), input: staged.input };
}

const SOURCE = [
  'export function load(path) {',
  '  const text = read( path );',
  '  return parse( text, "utf8" );',
  '}',
  '',
].join('\n');

describe('line evidence', () => {
  it('counts lines that come back only re-formatted, not lines moved verbatim', () => {
    const { analysis } = evidenceOf({
      before: { 'src/load.js': SOURCE },
      after: {
        'src/load.js': [
          'export function load(path) {',
          '    const text = read(path);',
          "    return parse(text, 'utf8');",
          '}',
          '',
        ].join('\n'),
      },
    });
    const evidence = collectLineEvidence(analysis.changes);
    expect(evidence.reformatShare).toBe(1);
    expect(evidence.formatFilesShare).toBe(1);
    expect(analysis.features.shared.reformat_share).toBe(1);

    const moved = evidenceOf({
      before: { 'src/load.js': SOURCE },
      after: { 'src/load.js': SOURCE.replace('export function load', 'export async function load') + '// end\n' },
    });
    expect(collectLineEvidence(moved.analysis.changes).reformatShare).toBe(0);
  });

  it('sees error handling, skipped tests and deprecations added', () => {
    const { analysis } = evidenceOf({
      before: { 'src/load.js': SOURCE, 'test/load.test.js': "it('loads', () => {})\n" },
      after: {
        'src/load.js': SOURCE.replace(
          '  const text',
          "  if (!path) throw new Error('path is required');\n  /** @deprecated use loadFile */\n  const text",
        ),
        'test/load.test.js': "it.skip('loads', () => {})\n",
      },
    });
    const evidence = collectLineEvidence(analysis.changes);
    expect(evidence.errorHandling).toBe(1);
    expect(evidence.skippedTests).toBe(1);
    expect(evidence.deprecations).toBe(1);
    expect(analysis.features.shared.error_handling).toBe(0.5);
  });

  it('tells a version bump from a dependency change, and sees benchmarks', () => {
    const manifest = (version: string, dep: string) =>
      JSON.stringify({ name: 'demo', version, dependencies: { left: dep } }, null, 2) + '\n';
    const bump = evidenceOf({
      before: { 'package.json': manifest('1.2.3', '^1.0.0') },
      after: { 'package.json': manifest('1.3.0', '^1.0.0') },
    });
    expect(collectLineEvidence(bump.analysis.changes).versionBump).toBe(true);
    const dependency = evidenceOf({
      before: { 'package.json': manifest('1.2.3', '^1.0.0') },
      after: { 'package.json': manifest('1.2.3', '^2.0.0'), 'bench/load.bench.js': 'bench("load", () => {})\n' },
    });
    const evidence = collectLineEvidence(dependency.analysis.changes);
    expect(evidence.versionBump).toBe(false);
    expect(evidence.benchmark).toBe(true);
  });

  it('types a re-indent of code as style', () => {
    const { input } = evidenceOf({
      before: { 'src/load.js': SOURCE },
      commits: [
        { subject: 'feat: add load', files: {} },
        { subject: 'fix: load the path given', files: {} },
      ],
      after: { 'src/load.js': SOURCE.replace(/^ {2}/gm, '    ').replace(/\( /g, '(').replace(/ \)/g, ')') },
    });
    expect(generateLocalMessage({ ...input, maxLength: 72, body: false }).type).toBe('style');
  });
});

describe('history of the series', () => {
  it('gives the last subjects and each file newest subject a say per type', () => {
    const { analysis } = evidenceOf({
      before: { 'src/a.js': 'export const a = 1\n', 'src/b.js': 'export const b = 1\n' },
      commits: [
        { subject: 'docs: describe a and b', files: {} },
        { subject: 'feat: add b', files: { 'src/b.js': 'export const b = 2\n' } },
        { subject: 'refactor: tidy a', files: { 'src/a.js': 'export const a = 2\n' } },
        { subject: 'refactor: tidy more', files: {} },
      ],
      after: { 'src/a.js': 'export const a = 3\n', 'src/b.js': 'export const b = 3\n' },
    });
    const { perType } = analysis.features;
    expect(perType.refactor.last_type).toBe(1);
    expect(perType.feat.last_type).toBe(0);
    expect(perType.refactor.recent_share).toBeGreaterThan(perType.feat.recent_share ?? 0);
    expect(perType.refactor.files_newest).toBe(0.5);
    expect(perType.feat.files_newest).toBe(0.5);
  });
});

describe('signals read from tests and comments', () => {
  it('reads a test named by its function as its title, and a test named after an issue as a reported bug', () => {
    const { analysis } = evidenceOf({
      before: {
        'pkg/frame.py': 'def join(a, b):\n    return a\n',
        'tests/test_frame.py': 'def test_join():\n    pass\n',
      },
      after: {
        'pkg/frame.py': 'def join(a, b):\n    if not b:\n        return a\n    return a\n',
        'tests/test_frame.py':
          'def test_join():\n    pass\n\n\ndef test_join_does_not_fail_on_empty_12845():\n    assert join(1, None) == 1\n',
      },
    });
    expect(analysis.signals.testTitles).toEqual(['join does not fail on empty 12845']);
    expect(analysis.signals.issueRefs).toBe(1);
    expect(analysis.features.shared.fix_titles).toBe(1);
  });

  it('hears speed argued in comments without the word "fast"', () => {
    const { analysis } = evidenceOf({
      before: { 'src/scan.js': 'export function scan(items) {\n  return items.map(parse)\n}\n' },
      after: {
        'src/scan.js':
          'export function scan(items) {\n  // parse is expensive: hoist the check out of the loop\n  return items.map(parse)\n}\n',
      },
    });
    expect(analysis.signals.speedTalk).toBe(1);
    expect(analysis.features.shared.speed_talk).toBe(1);
  });

  it('takes a change that only drops trailing spaces and empty lines for formatting', () => {
    const { analysis } = evidenceOf({
      before: { 'src/help.js': 'export const help = 1  \n\n\nexport const more = 2\n' },
      after: { 'src/help.js': 'export const help = 1\n\nexport const more = 2\n' },
    });
    expect(analysis.signals.formatOnly).toBe(true);
  });
});

describe('breaking changes a release note declares', () => {
  it('writes ! when a covector note tags the change breaking in a repository that marks breaking changes', () => {
    const note = (tag: string) => `---\n"tauri": ${tag}\n---\n\nRemove the \`skip_install\` option.\n`;
    const spec = (tag: string): ChangeSpec => ({
      before: { 'core/src/config.rs': 'pub struct Config {\n    pub skip_install: bool,\n    pub name: String,\n}\n' },
      commits: [{ subject: 'feat!: rename the window API', files: {} }],
      after: {
        'core/src/config.rs': 'pub struct Config {\n    pub name: String,\n}\n',
        '.changes/remove-skip-install.md': note(tag),
      },
    });
    const message = (tag: string) => {
      const { input } = evidenceOf(spec(tag));
      return generateLocalMessage({ ...input, maxLength: 72, body: false });
    };
    expect(message('patch:breaking').breaking).toBe(true);
    expect(message('patch:bug').breaking).toBe(false);
  });
});
