// A probe through the built CLI: `git ai prompt` against a loopback provider, then `git ai commit --dry-run`, and
// what the provider received, which must be what prompt showed.
import { expect } from 'vitest';
import type { ProviderServer } from './provider-server.js';
import { runCliAsync, type TempRepo } from './temp-repo.js';

export interface PromptReport {
  requests: Array<{ request: { messages: Array<{ role: string; content: string }> } }>;
  files: Array<{ path: string; omitted?: string }>;
  redactions: Array<{ kind: string; place: string }>;
}

/** Runs prompt and a dry-run commit on the staged change; returns prompt's output and report and what was sent. */
export async function promptThenCommit(
  repo: TempRepo,
  server: ProviderServer,
): Promise<{ shown: string; report: PromptReport; sent: string }> {
  const env = {
    ...repo.env,
    GIT_AI_MAX_TOKENS: '100000',
    GIT_AI_MODEL: 'gpt-4o',
    GIT_AI_PROVIDER: 'openai',
    GIT_AI_BASE_URL: server.baseUrls.openai,
    GIT_AI_API_KEY: 'test-key',
  };
  const shown = await runCliAsync(['prompt'], { cwd: repo.dir, env });
  expect(shown.code, shown.stderr).toBe(0);
  const report = JSON.parse(shown.stdout) as PromptReport;
  const result = await runCliAsync(['commit', '--dry-run', '--no-cache'], { cwd: repo.dir, env });
  expect(result.code, result.stderr).toBe(0);
  expect(server.requests).toHaveLength(1);
  const received = server.requests[0]!.normalized!;
  const [system, user] = report.requests[0]!.request.messages;
  expect(received.system).toBe(system!.content);
  expect(received.messages.map((message) => message.content)).toEqual([user!.content]);
  return { shown: shown.stdout, report, sent: JSON.stringify(server.requests) };
}
