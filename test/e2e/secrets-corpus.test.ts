// The secrets corpus end to end: generated secrets in every kind of staged file, in file names and in history
// subjects, through `git ai prompt` on a real repository (and what it shows is what is sent); look-alikes untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { commitResponder } from '../support/commit-responder.js';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { generateProbeCorpus, generateProbeLookAlikes } from '../support/probe-corpus.js';
import {
  generateLookAlikes,
  generateSecretCorpus,
  type LookAlike,
  type SecretCorpus,
} from '../support/secret-corpus.js';
import { createTempRepo, runCli, runCliAsync, type TempRepo } from '../support/temp-repo.js';

interface PromptReport {
  requests: Array<{ stage: string; request: { messages: Array<{ role: string; content: string }> } }>;
  files: Array<{ path: string; omitted?: string }>;
  secretsRedacted: number;
  redactions: Array<{ kind: string; place: string }>;
}

// A fresh corpus each run; the seed is in every failure message, so a failure can be replayed with SECRET_CORPUS_SEED.
const SEED = Number(process.env.SECRET_CORPUS_SEED ?? Math.floor(Math.random() * 2 ** 31));

let repo: TempRepo;
let server: ProviderServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
  server = undefined;
});

/** A repository whose history holds the corpus' subjects and `before` files, with the corpus and the look-alikes staged. */
function stageCorpus(
  corpus: SecretCorpus = generateSecretCorpus(SEED),
  lookAlikes: LookAlike[] = generateLookAlikes(SEED + 1),
): { corpus: SecretCorpus; lookAlikes: LookAlike[] } {
  repo = createTempRepo();
  repo.write('README.md', '# service\n');
  for (const file of corpus.files) if (file.before !== undefined) repo.write(file.path, file.before);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'chore: initial import');
  for (const subject of corpus.subjects) repo.git('commit', '-q', '--allow-empty', '-m', subject);
  for (const file of corpus.files) {
    if (file.after !== undefined) repo.write(file.path, file.after);
    else repo.git('rm', '-q', '--', file.path);
  }
  // The look-alikes, spread over a source file, a document and a config file.
  const buckets: Record<string, string[]> = {
    'src/lookalikes.ts': [],
    'docs/lookalikes.md': [],
    'deploy/lookalikes.yaml': [],
  };
  const paths = Object.keys(buckets);
  lookAlikes.forEach((item, index) => buckets[paths[index % paths.length]!]!.push(item.text));
  for (const [path, lines] of Object.entries(buckets)) repo.write(path, `${lines.join('\n')}\n`);
  repo.git('add', '-A');
  return { corpus, lookAlikes };
}

/** `git ai prompt`'s report on the staged corpus, after checking nothing was left out for want of room. */
function promptReport(): PromptReport {
  const result = runCli(['prompt'], { cwd: repo.dir, env: { ...repo.env, ...ENV } });
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as PromptReport;
  // Nothing is left out for want of room: every file's content is in the request, so each secret had its chance to leak.
  expect(
    report.files.filter((file) => file.omitted !== undefined),
    `seed ${SEED}`,
  ).toEqual([]);
  return report;
}

/** The labels of the secrets any of whose values is in `text`. */
const leakedIn = (corpus: SecretCorpus, text: string): string[] =>
  corpus.secrets.filter((secret) => secret.values.some((value) => text.includes(value))).map((secret) => secret.label);

/** The look-alikes not sent exactly as written, with the false-positive rate logged. */
function touchedLookAlikes(lookAlikes: LookAlike[], sent: string, name: string): string[] {
  const touched = lookAlikes.filter((item) => !sent.includes(item.text)).map((item) => item.label);
  const rate = touched.length / lookAlikes.length;
  console.log(
    `${name} (seed ${SEED + 1}): ${touched.length} of ${lookAlikes.length} touched, false-positive rate ${(rate * 100).toFixed(1)}%${touched.length ? `: ${touched.join(', ')}` : ''}`,
  );
  return touched;
}

const ENV = { GIT_AI_MAX_TOKENS: '100000', GIT_AI_MODEL: 'gpt-4o' };
const sentText = (report: PromptReport) =>
  report.requests.flatMap((entry) => entry.request.messages.map((message) => message.content)).join('\n');

describe(`the secrets corpus (seed ${SEED})`, () => {
  it('has every generated secret redacted from what `git ai prompt` shows, and the look-alikes untouched', () => {
    const { corpus, lookAlikes } = stageCorpus();
    const report = promptReport();
    const sent = sentText(report);

    expect(corpus.secrets.length).toBeGreaterThanOrEqual(60);
    const leaked = leakedIn(corpus, sent);
    console.log(
      `secrets corpus (seed ${SEED}): ${corpus.secrets.length - leaked.length} of ${corpus.secrets.length} redacted`,
    );
    expect(leaked, `seed ${SEED}`).toEqual([]);
    // The whole report (files, the redaction report) holds no secret either.
    expect(leakedIn(corpus, JSON.stringify(report))).toEqual([]);

    expect(lookAlikes.length).toBeGreaterThanOrEqual(30);
    const touched = touchedLookAlikes(lookAlikes, sent, 'look-alikes');
    expect(touched.length / lookAlikes.length, touched.join(', ')).toBeLessThanOrEqual(0.05);

    // The report says what was redacted and where (kind and place, never the value).
    expect(report.secretsRedacted).toBe(report.redactions.length);
    expect(report.redactions.length).toBeGreaterThanOrEqual(corpus.secrets.length);
    const kinds = new Set(report.redactions.map((redaction) => redaction.kind));
    for (const kind of [
      'private-key',
      'github-token',
      'aws-access-key-id',
      'basic-auth-credentials',
      'discord-bot-token',
      'mailgun-key',
      'kubernetes-secret',
      'secret-argument',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const places = report.redactions.map((redaction) => redaction.place);
    expect(places).toContain('recent commit subject 1');
    expect(places.some((place) => /^scripts\/deploy\.sh \+\d+$/.test(place))).toBe(true);
    expect(places.some((place) => /^src\/legacy\.ts -1$/.test(place))).toBe(true); // the removed line, by its old number
    expect(places.some((place) => place.startsWith('file name notes/[REDACTED:github-token].md'))).toBe(true);
  });

  it('what `git ai prompt` shows is what the provider receives, and --debug names each redaction without its value', async () => {
    const { corpus } = stageCorpus();
    server = await startProviderServer({ apiKey: 'test-key', respond: commitResponder() });
    const env = {
      ...repo.env,
      ...ENV,
      GIT_AI_PROVIDER: 'openai',
      GIT_AI_BASE_URL: server.baseUrls.openai,
      GIT_AI_API_KEY: 'test-key',
    };
    const shown = JSON.parse((await runCliAsync(['prompt'], { cwd: repo.dir, env })).stdout) as PromptReport;
    const result = await runCliAsync(['commit', '--dry-run', '--debug', '--no-cache'], { cwd: repo.dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(shown.requests).toHaveLength(1);
    const received = server.requests[0]!.normalized!;
    const [system, user] = shown.requests[0]!.request.messages;
    expect(received.system).toBe(system!.content);
    expect(received.messages.map((message) => message.content)).toEqual([user!.content]);
    // --debug lists what was redacted, where; neither it nor the message holds a secret.
    const debugLines = result.stderr.split('\n').filter((line) => line.startsWith('redacted '));
    expect(debugLines.length).toBe(shown.redactions.length);
    expect(debugLines).toContain('redacted aws-access-key-id at recent commit subject 2');
    const leaked = corpus.secrets.filter((secret) =>
      secret.values.some((value) => result.stderr.includes(value) || result.stdout.includes(value)),
    );
    expect(leaked.map((secret) => secret.label)).toEqual([]);
  });

  it('the probe corpus (other formats, syntaxes, keys edited in place, a rename, subjects): all redacted, its look-alikes untouched', () => {
    const { corpus, lookAlikes } = stageCorpus(generateProbeCorpus(SEED), generateProbeLookAlikes(SEED + 1));
    const report = promptReport();
    const sent = sentText(report);
    expect(corpus.secrets.length).toBeGreaterThanOrEqual(70);
    const leaked = leakedIn(corpus, JSON.stringify(report));
    console.log(
      `probe corpus (seed ${SEED}): ${corpus.secrets.length - leaked.length} of ${corpus.secrets.length} redacted`,
    );
    expect(leaked, `seed ${SEED}`).toEqual([]);
    // The rename is sent with its old name redacted, and the keys edited in place as markers.
    expect(sent).toMatch(/notes\/\[REDACTED:gitlab-token\]\.md/);
    expect(report.redactions.some((redaction) => redaction.place.startsWith('ops/deploy_key.txt'))).toBe(true);
    expect(touchedLookAlikes(lookAlikes, sent, 'probe look-alikes')).toEqual([]);
  });

  it('the offline engine writes no secret from a file name into the subject', () => {
    repo = createTempRepo();
    repo.write('README.md', '# x\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'chore: init');
    const token = generateSecretCorpus(SEED).secrets.find((secret) => secret.label === 'GitHub token in a file name')!
      .values[0]!;
    repo.write(`config/${token}.json`, '{ "enabled": true }\n');
    repo.git('add', '-A');
    const result = runCli(['commit', '--dry-run'], { cwd: repo.dir, env: repo.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(token);
    expect(result.stdout).toMatch(/^\w+(\([^)]*\))?: /);
  });
});
