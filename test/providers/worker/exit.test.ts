// A process with a provider thread ends by itself once its calls are answered, and one whose thread was never used
// ends at once: the thread holds the process open only while a call is in flight (no hang, no lost output).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../support/provider-server.js';
import { PROJECT_ROOT, runProcess } from '../../support/temp-repo.js';

const SCRIPT = join(PROJECT_ROOT, 'test/support/provider-thread-call.ts');

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: 'k', respond: () => ({ text: 'fix: answered' }) });
});
afterAll(() => server.close());

const run = (mode: string) =>
  runProcess(process.execPath, ['--import', 'tsx', SCRIPT, server.baseUrls.openai, mode], {
    cwd: PROJECT_ROOT,
    env: process.env,
  });

describe('a process with a provider thread', () => {
  it('ends by itself after its call, with the answer written', async () => {
    const result = await run('call');
    expect(result).toMatchObject({ code: 0, stdout: 'fix: answered (1 call in the thread)\n' });
    expect(server.requests).toHaveLength(1);
  });

  it('ends by itself when the thread was never used', async () => {
    server.reset();
    const result = await run('idle');
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(server.requests).toHaveLength(0);
  });
});
