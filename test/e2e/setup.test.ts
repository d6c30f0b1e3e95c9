// `git ai setup` on a real terminal (tmux) against the loopback provider: provider, masked key, a model from the
// provider's list, a test request; and the `config set` lines without a terminal.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../support/provider-server.js';
import { startTerminal, type Terminal } from '../support/terminal.js';
import { createTempRepo, runCli, type TempRepo } from '../support/temp-repo.js';

let repo: TempRepo;
let terminal: Terminal | undefined;
let server: ProviderServer | undefined;

afterEach(async () => {
  terminal?.close();
  terminal = undefined;
  await server?.close();
  server = undefined;
  repo?.cleanup();
});

const configFile = () => join(repo.home, '.config/git-ai/config.ini');

describe('git ai setup', () => {
  it("asks the provider, takes the key masked, offers the provider's models, stores 0600 and tries a request", async () => {
    repo = createTempRepo();
    server = await startProviderServer({
      apiKey: 'sk-test-key-0123',
      models: ['test-model', 'other-model'],
      respond: () => ({ text: 'OK' }),
    });
    const env = { ...repo.env, GIT_AI_BASE_URL: server.baseUrls.openai };
    terminal = startTerminal({ cwd: repo.dir, env, args: ['setup'], scriptDir: repo.home });
    await terminal.waitFor(/Which provider writes your messages\?/);
    terminal.keys('Enter'); // openai
    await terminal.waitFor(/openai API key/);
    terminal.type('sk-test-key-0123');
    const typed = await terminal.waitFor(/•{16}/);
    expect(typed).not.toContain('sk-test-key-0123');
    terminal.keys('Enter');
    const models = await terminal.waitFor(/test-model/);
    expect(models).toContain('other-model');
    terminal.keys('Down', 'Enter'); // the list is sorted: other-model, test-model
    expect(await terminal.exitCode()).toBe(0);
    expect(terminal.screen()).toMatch(/It works: test-model answered in \d+\.\d s/);
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    const written = readFileSync(configFile(), 'utf8');
    expect(written).toContain('provider = openai\n');
    expect(written).toContain('model = test-model\n');
    expect(written).toContain('api-key = sk-test-key-0123\n');
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'POST /v1/chat/completions',
    ]);
  });

  it('a test request that fails says so in one line and exits 1, the settings kept', async () => {
    repo = createTempRepo();
    server = await startProviderServer({
      apiKey: 'sk-right-key-0000',
      models: ['test-model'],
      respond: () => ({ text: 'OK' }),
    });
    terminal = startTerminal({
      cwd: repo.dir,
      env: { ...repo.env, GIT_AI_BASE_URL: server.baseUrls.openai },
      args: ['setup'],
      scriptDir: repo.home,
    });
    await terminal.waitFor(/Which provider/);
    terminal.keys('Enter');
    await terminal.waitFor(/API key/);
    terminal.type('sk-wrong-key-0000');
    terminal.keys('Enter');
    await terminal.waitFor(/Model/); // the list is refused without the right key: a name is asked for
    terminal.type('test-model');
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(1);
    expect(terminal.screen()).toMatch(/git-ai: The test request to openai \(test-model\) failed/);
    expect(readFileSync(configFile(), 'utf8')).toContain('provider = openai\n');
  });

  it('without a terminal, prints the config set lines and changes nothing', () => {
    repo = createTempRepo();
    const result = runCli(['setup'], { cwd: repo.dir, env: repo.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {2}git ai config set provider openai/m);
    expect(result.stdout).toMatch(/^ {2}git ai config set api-key <key>/m);
    expect(() => statSync(configFile())).toThrow();
  });
});
