// The rest of what a repository asks, on the built CLI: the branch's ticket in the history's form, the team's
// instructions in the prompt (and its budget), and the sign-off.
import { afterEach, describe, expect, it } from 'vitest';
import { INSTRUCTIONS_FILE } from '../../src/rules/instructions.js';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { remoteEnv } from '../support/remote-env.js';
import { MATH_WITH_MULTIPLY, createMathRepo, runCliAsync, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

/** Clearly fake secrets in their real formats, built so that no scanner of this file's source sees them whole. */
const SLACK_TOKEN = ['xoxb', '-1234567890-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('');
const STRIPE_KEY = ['sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dcR4nd0m'].join('');

/** The math repository with a history that writes references in one form, on `branch`, with a change staged. */
function seed(history: string[], branch: string): TempRepo {
  repo = createMathRepo();
  history.forEach((message, index) => {
    repo.write(`notes/${index}.md`, `note ${index}\n`);
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', message);
  });
  repo.git('checkout', '-q', '-b', branch);
  repo.write('src/math.ts', MATH_WITH_MULTIPLY);
  repo.git('add', '.');
  return repo;
}

const HISTORIES = {
  prefix: { key: ['PROJ-10: add notes', 'PROJ-11: fix notes'], number: ['#10: add notes', '#11: fix notes'] },
  suffix: {
    key: ['docs: add notes (PROJ-10)', 'fix: notes (PROJ-11)'],
    number: ['docs: add notes (#10)', 'fix: notes (#11)'],
  },
  trailer: {
    key: ['docs: add notes\n\nRefs: PROJ-10', 'fix: notes\n\nRefs: PROJ-11'],
    number: ['docs: add notes\n\nCloses #10', 'fix: notes\n\nCloses #11'],
  },
  scope: {
    key: ['docs(PROJ-10): add notes', 'fix(PROJ-11): notes'],
    number: ['docs(#10): add notes', 'fix(#11): notes'],
  },
} as const;

const BRANCHES = [
  ['feature/PROJ-123-login', 'key', 'PROJ-123'],
  ['fix/456-crash', 'number', '#456'],
  ['gh-78', 'number', '#78'],
] as const;

const CASES = BRANCHES.flatMap(([branch, kind, reference]) =>
  (Object.keys(HISTORIES) as (keyof typeof HISTORIES)[]).map((form) => [branch, form, kind, reference] as const),
);

function expectedForm(form: keyof typeof HISTORIES, reference: string, number: boolean): (message: string) => boolean {
  switch (form) {
    case 'prefix':
      return (message) => message.startsWith(`${reference}: `);
    case 'suffix':
      return (message) => (message.split('\n')[0] ?? '').endsWith(` (${reference})`);
    case 'trailer':
      return (message) =>
        (message.trimEnd().split('\n').at(-1) ?? '') === (number ? `Closes ${reference}` : `Refs: ${reference}`);
    case 'scope':
      return (message) => new RegExp(`^\\w+\\(${reference}\\): `).test(message);
  }
}

describe('the branch ticket, in the form the history writes it', () => {
  it.each(CASES)(
    'branch %s, history with a %s: the message carries it the same way',
    async (branch, form, kind, reference) => {
      seed([...HISTORIES[form][kind]], branch);
      const result = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
      expect(result.code).toBe(0);
      expect({
        message: result.stdout,
        ok: expectedForm(form, reference, kind === 'number')(result.stdout),
      }).toMatchObject({ ok: true });
      expect(result.stdout.split(reference).length - 1).toBe(1);
    },
  );

  it('a history that writes none gets a Refs trailer; a branch without a ticket gets nothing', async () => {
    seed(['docs: add notes'], 'feature/PROJ-123-login');
    const withTicket = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(withTicket.stdout.trimEnd().split('\n').at(-1)).toBe('Refs: PROJ-123');
    repo.git('checkout', '-q', '-b', 'login-page');
    const without = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(without.stdout).not.toMatch(/Refs:|PROJ-/);
  });
});

describe("the team's instructions", () => {
  it('go into the prompt from .gitaiinstructions and the instructions setting, shown by git ai prompt and counted in its budget', async () => {
    seed([], 'main-work');
    const before = JSON.parse((await runCliAsync(['prompt'], { cwd: repo.dir, env: repo.env })).stdout) as {
      budget: { promptTokens: number };
    };
    repo.write(INSTRUCTIONS_FILE, 'Mention the Jira ticket.\nWrite in the past tense.\n');
    const env = { ...repo.env, GIT_AI_INSTRUCTIONS: 'Scope is the package name.' };
    const result = await runCliAsync(['prompt'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      requests: { request: { messages: { content: string }[] } }[];
      rules: { instructions: object };
      budget: { promptTokens: number };
    };
    const system = report.requests[0]!.request.messages[0]!.content;
    expect(system).toContain(
      `From the repository (${INSTRUCTIONS_FILE}):\nMention the Jira ticket.\nWrite in the past tense.`,
    );
    expect(system).toContain("From the user's settings:\nScope is the package name.");
    expect(report.rules.instructions).toEqual({
      repository: 'Mention the Jira ticket.\nWrite in the past tense.',
      user: 'Scope is the package name.',
    });
    expect(report.budget.promptTokens).toBeGreaterThan(before.budget.promptTokens);
  });
});

describe('a secret in the instructions', () => {
  it('in .gitaiinstructions or the instructions setting is not sent, and git ai prompt says where it was', async () => {
    seed([], 'main-work');
    repo.write(INSTRUCTIONS_FILE, `Mention the ticket.\nThe bot token is ${SLACK_TOKEN}.\n`);
    const env = { ...repo.env, GIT_AI_INSTRUCTIONS: `Never print ${STRIPE_KEY}.` };
    const result = await runCliAsync(['prompt'], { cwd: repo.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(SLACK_TOKEN);
    expect(result.stdout).not.toContain(STRIPE_KEY);
    const report = JSON.parse(result.stdout) as {
      requests: { request: { messages: { content: string }[] } }[];
      redactions: { kind: string; place: string }[];
    };
    expect(report.requests[0]!.request.messages[0]!.content).toContain('The bot token is [REDACTED:slack-token].');
    expect(report.redactions.map((redaction) => redaction.place)).toEqual([
      `${INSTRUCTIONS_FILE} line 2`,
      'the instructions setting line 1',
    ]);
  });

  it('given with --context is not sent to the provider, and --debug says so', async () => {
    seed([], 'main-work');
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const result = await runCliAsync(['commit', '--dry-run', '--debug', '--context', `say ${STRIPE_KEY} was rotated`], {
      cwd: repo.dir,
      env: remoteEnv(server, repo.env),
    });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const sent = JSON.stringify(server.requests[0]!.body);
    expect(sent).not.toContain(STRIPE_KEY);
    expect(sent).toMatch(/say \[REDACTED:[a-z-]+\] was rotated/);
    expect(result.stderr).toMatch(/^redacted [a-z-]+ at the instruction for this message line 1$/m);
  });
});

describe('Signed-off-by', () => {
  it('is added by -s and by format.signOff, once', async () => {
    seed([], 'work');
    const plain = await runCliAsync(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(plain.stdout).not.toContain('Signed-off-by');
    const flagged = await runCliAsync(['commit', '--dry-run', '-s'], { cwd: repo.dir, env: repo.env });
    expect(flagged.stdout.trimEnd().split('\n').at(-1)).toBe('Signed-off-by: Test Author <author@example.com>');
    repo.git('config', 'format.signOff', 'true');
    const configured = await runCliAsync(['commit', '--dry-run', '-s'], { cwd: repo.dir, env: repo.env });
    expect(configured.stdout).toBe(flagged.stdout);
    expect(configured.stdout.match(/Signed-off-by:/g)).toHaveLength(1);
    const committed = await runCliAsync(['commit', '-y'], { cwd: repo.dir, env: repo.env });
    expect(committed.code).toBe(0);
    expect(repo.git('log', '-1', '--format=%(trailers:key=Signed-off-by,valueonly)').trim()).toBe(
      'Test Author <author@example.com>',
    );
  });
});
