// `git-ai setup`: provider, key (masked, stored 0600), a model from the provider's own list, and a test request.
// Without a terminal it prints the `config set` lines that do the same.
import type { Readable, Writable } from 'node:stream';
import { PROVIDERS, type Provider } from '../../config/schema.js';
import { UserError } from '../../errors.js';
import { runConfigCommand } from './config.js';

export interface SetupCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  interactive: boolean;
}

const WITHOUT_TERMINAL = [
  '`git ai setup` asks its questions on a terminal. Without one, set the same with:',
  '  git ai config set provider openai        # or anthropic, gemini, openai-compatible',
  '  git ai config set api-key <key>          # stored with mode 0600; or OPENAI_API_KEY / ANTHROPIC_API_KEY / GEMINI_API_KEY',
  "  git ai config set model <model>          # optional: the provider's small default model otherwise",
  '  git ai config set base-url <url>         # for openai-compatible servers, e.g. http://localhost:11434/v1 (Ollama)',
  'Without a provider the offline engine writes the messages.',
  '',
].join('\n');

const interrupted = () => new UserError('CANCELLED', 'Setup interrupted; nothing more was changed.', { exitCode: 130 });

export async function runSetupCommand(options: SetupCommandOptions): Promise<number> {
  if (!options.interactive) {
    options.stdout.write(WITHOUT_TERMINAL);
    return 0;
  }
  const prompts = await import('@clack/prompts');
  const io = { input: options.stdin, output: options.stdout };
  const answer = <T>(value: T | symbol): Exclude<T, symbol> => {
    if (prompts.isCancel(value)) throw interrupted();
    return value as Exclude<T, symbol>;
  };
  const { loadConfig } = await import('../../config/load.js');
  const { config } = await loadConfig({ cwd: options.cwd, env: options.env });
  prompts.intro('git-ai setup', { output: options.stdout });
  const provider = answer(
    await prompts.select<Provider | 'offline'>({
      ...io,
      message: 'Which provider writes your messages?',
      initialValue: config.provider ?? 'openai',
      options: [
        ...PROVIDERS.map((value) => ({ value, label: value })),
        { value: 'offline' as const, label: 'none', hint: 'the offline engine, no key' },
      ],
    }),
  );
  const set = (key: string, value: string) =>
    runConfigCommand({ action: 'set', key, value, cwd: options.cwd, env: options.env });
  if (provider === 'offline') {
    await runConfigCommand({ action: 'unset', key: 'provider', cwd: options.cwd, env: options.env });
    prompts.outro('No provider: the offline engine writes the messages.', { output: options.stdout });
    return 0;
  }
  const { DEFAULT_BASE_URLS, listModels } = await import('../setup/list-models.js');
  let baseUrl = provider === 'openai-compatible' ? undefined : (config.baseUrl ?? DEFAULT_BASE_URLS[provider]);
  if (baseUrl === undefined) {
    baseUrl = answer(
      await prompts.text({
        ...io,
        message: 'URL of the server',
        initialValue: config.baseUrl ?? 'http://localhost:11434/v1',
        validate: (value) => (/^https?:\/\/\S+$/.test(value ?? '') ? undefined : 'An http(s) URL'),
      }),
    ).trim();
  }
  const apiKey = answer(
    await prompts.password({
      ...io,
      message: provider === 'openai-compatible' ? 'API key (Enter for none)' : `${provider} API key`,
      mask: '•',
      validate: (value) =>
        provider === 'openai-compatible' || (value ?? '').trim() !== '' ? undefined : 'Paste the key (it is masked)',
    }),
  ).trim();
  const spin = prompts.spinner({ output: options.stdout });
  spin.start('Asking the provider for its models');
  const models = await listModels({ provider, baseUrl, apiKey: apiKey || undefined });
  spin.stop(models ? `${models.length} models` : 'No list of models (type a name)');
  const { DEFAULT_MODELS } = await import('../../providers/provider.js');
  const preferred = config.model ?? DEFAULT_MODELS[provider];
  const model = models
    ? answer(
        await prompts.select<string>({
          ...io,
          message: 'Model',
          initialValue: preferred && models.includes(preferred) ? preferred : models[0],
          options: models.map((value) => ({ value, label: value })),
        }),
      )
    : answer(
        await prompts.text({
          ...io,
          message: preferred ? `Model (Enter for ${preferred})` : 'Model',
          placeholder: preferred,
          defaultValue: preferred,
          validate: (value) => ((value ?? '').trim() || preferred ? undefined : 'A model name'),
        }),
      ).trim();

  await set('provider', provider);
  if (apiKey) await set('api-key', apiKey);
  await set('model', model);
  if (
    provider === 'openai-compatible' ||
    baseUrl !== DEFAULT_BASE_URLS[provider as Exclude<Provider, 'openai-compatible'>]
  )
    await set('base-url', baseUrl);

  spin.start(`Sending a test request to ${model}`);
  const started = performance.now();
  try {
    const [{ generateText }, { createLanguageModel }] = await Promise.all([
      import('ai'),
      import('../../providers/provider.js'),
    ]);
    const languageModel = await createLanguageModel({ provider, model, apiKey: apiKey || undefined, baseUrl });
    await generateText({
      model: languageModel,
      prompt: 'Reply with the single word OK.',
      maxOutputTokens: 16,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    spin.error('The test request failed');
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new UserError('PROVIDER_FAILED', `The test request to ${provider} (${model}) failed: ${reason}`, {
      hint: 'The settings were saved; run `git ai setup` again or change them with `git ai config set`.',
    });
  }
  spin.stop(`It works: ${model} answered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { resolveConfigPath } = await import('../../config/load.js');
  prompts.outro(`Saved to ${resolveConfigPath(options.env)} (mode 0600). Try \`git ai commit\`.`, {
    output: options.stdout,
  });
  return 0;
}
