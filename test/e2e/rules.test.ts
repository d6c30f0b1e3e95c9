// The repository's rules end to end: the built CLI writes messages (offline, and remote against the loopback server,
// whose answers break the rules) that the real commitlint CLI accepts, under each kind of configuration.
import { afterEach, describe, expect, it } from 'vitest';
import type { NormalizedRequest, ResponderResult } from '../support/provider-server.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { isAnalysisRequest } from '../support/commit-responder.js';
import { CONVENTIONAL, installCommitlint, runCommitlint, writeCommitlintConfig } from '../support/commitlint.js';
import { createTempRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

const WIDGETS =
  'export interface Widget {\n  kind: string;\n}\n\nexport function registerWidget(widget: Widget): void {\n  registry.set(widget.kind, widget);\n}\n\nconst registry = new Map<string, Widget>();\n';

/** A repository with commitlint installed, the configuration, one commit, and a change staged on `branch`. */
function seed(config: object, branch = 'main'): TempRepo {
  repo = createTempRepo();
  installCommitlint(repo);
  writeCommitlintConfig(repo, config);
  repo.write('README.md', '# demo\n');
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'chore: init');
  if (branch !== 'main') repo.git('checkout', '-q', '-b', branch);
  repo.write('packages/api/src/widgets.ts', WIDGETS);
  repo.write(
    'packages/api/test/widgets.test.ts',
    "import { registerWidget } from '../src/widgets';\n\ntest('registers', () => registerWidget({ kind: 'x' }));\n",
  );
  repo.git('add', '.');
  return repo;
}

/** Answers that break every rule they can: a capitalised, over-long header ending in a period, an unknown scope, a body of long lines, no footer. */
function ruleBreakingResponder(repair?: (request: NormalizedRequest) => ResponderResult) {
  return (request: NormalizedRequest): ResponderResult => {
    const properties =
      (request.structured?.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    if ('header' in properties && repair) return repair(request);
    if ('header' in properties) return { object: { header: 'Feat(Widgets): Add the widget registry.', body: null } };
    if (isAnalysisRequest(request)) return { text: '1 | feat | 5 | Adds the widget registry | ' };
    return {
      text: 'feat(Widgets): Add a widget registry.\n\nThis registers every widget by its kind so that the loader and the lookups can find it again later, in one place.',
    };
  };
}

async function serveRemote(respond: ReturnType<typeof ruleBreakingResponder>): Promise<NodeJS.ProcessEnv> {
  server = await startProviderServer({ apiKey: 'test-key', respond });
  return remoteEnv(server, repo.env, { GIT_AI_CACHE: 'false' });
}

const CONFIGS: Array<[name: string, config: object]> = [
  ['config-conventional', CONVENTIONAL],
  [
    'a custom type-enum and scope-enum',
    {
      ...CONVENTIONAL,
      rules: {
        'type-enum': [2, 'always', ['feature', 'bugfix', 'docs', 'chore']],
        'scope-enum': [2, 'always', ['api', 'web', 'docs']],
        'scope-empty': [2, 'never'],
      },
    },
  ],
  ['header-max-length 50', { ...CONVENTIONAL, rules: { 'header-max-length': [2, 'always', 50] } }],
  ['subject-case sentence-case', { ...CONVENTIONAL, rules: { 'subject-case': [2, 'always', 'sentence-case'] } }],
  [
    'body-max-line-length 72 and a required body',
    { ...CONVENTIONAL, rules: { 'body-max-line-length': [2, 'always', 72], 'body-empty': [2, 'never'] } },
  ],
];

describe('messages within the repository commitlint rules', () => {
  it.each(CONFIGS)('offline, %s: the message passes commitlint', async (_name, config) => {
    seed(config);
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verdict = runCommitlint(repo, result.stdout);
    expect({ message: result.stdout, ...verdict }).toMatchObject({ code: 0 });
  });

  it.each(CONFIGS)('remote answers that break the rules, %s: the message passes commitlint', async (_name, config) => {
    seed(config);
    const env = await serveRemote(
      ruleBreakingResponder(() => ({
        object: {
          header: 'feat(api): add the widget registry',
          body: 'Widgets register by kind, so later\nlookups find them.',
        },
      })),
    );
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const verdict = runCommitlint(repo, result.stdout);
    expect({ message: result.stdout, ...verdict }).toMatchObject({ code: 0 });
    expect(result.stdout.toLowerCase()).toContain('widget registry'); // the model's message, not the offline engine's
    const writer = server!.requests[0]!.normalized!.system;
    expect(writer).toContain("The repository's commitlint configuration also requires");
  });

  it('tells the remote engine the rules, and asks once more quoting a rule no mechanical change can meet', async () => {
    seed({
      ...CONVENTIONAL,
      rules: { 'body-empty': [2, 'never'], 'type-enum': [2, 'always', ['feat', 'fix', 'chore']] },
    });
    const env = await serveRemote((request) =>
      'header' in ((request.structured?.schema as { properties?: object } | undefined)?.properties ?? {})
        ? { object: { header: 'feat(api): add the widget registry', body: 'Widgets register by kind.' } }
        : { text: 'feat(api): add the widget registry' },
    );
    const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('feat(api): add the widget registry\n\nWidgets register by kind.');
    expect(server!.requests).toHaveLength(2); // the writer's request, then one repair request
    expect(server!.requests[0]!.normalized!.system).toMatch(/type: only feat, fix, chore/);
    expect(server!.requests[0]!.normalized!.system).toMatch(/body: required/);
    const repair = server!.requests[1]!.normalized!.messages.map((message) => message.content).join('\n');
    expect(repair).toContain('- body-empty: body may not be empty');
    expect(runCommitlint(repo, result.stdout).code).toBe(0);
  });

  it('a required footer: the branch ticket fills it; with no ticket in sight the message is still written and one line names the rule', async () => {
    const config = {
      ...CONVENTIONAL,
      parserPreset: { parserOpts: { issuePrefixes: ['PROJ-', '#'] } },
      rules: { 'footer-empty': [2, 'never'] },
    };
    seed(config, 'feature/PROJ-123-login');
    const withTicket = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(withTicket.stderr).toBe('');
    expect(withTicket.stdout.trimEnd().split('\n').at(-1)).toBe('Refs: PROJ-123');
    expect(runCommitlint(repo, withTicket.stdout).code).toBe(0);

    repo.git('checkout', '-q', '-b', 'login-page');
    const noTicket = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(noTicket.code).toBe(0);
    expect(noTicket.stdout.trim()).not.toBe('');
    expect(noTicket.stderr).toMatch(
      /^git-ai: the message breaks the repository's commitlint rule footer-empty \(footer may not be empty\); it was written as it is\n$/,
    );
  });

  it('with --ticket off (or ticket = off) the branch ticket stays out', async () => {
    seed(CONVENTIONAL, 'feature/PROJ-123-login');
    const off = await runCliAsync(['commit', '--dry-run', '--ticket', 'off'], { cwd: repo.dir, env: repo.env });
    expect(off.stdout).not.toContain('PROJ-123');
    const on = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(on.stdout).toContain('Refs: PROJ-123');
    const viaEnv = await runCliAsync(['commit', '--dry-run'], {
      cwd: repo.dir,
      env: { ...repo.env, GIT_AI_TICKET: 'off' },
    });
    expect(viaEnv.stdout).toBe(off.stdout);
  });
});
