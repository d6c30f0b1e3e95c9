// The process's one provider thread (client.ts), when GIT_AI_PROVIDER_THREAD=worker asks for it. The commit command
// starts it before its own modules load when the environment names a provider (GIT_AI_PROVIDER, one vendor's key: a guess, made before the config is read), so its
// start, zod and the SDK load on the other core while this one compiles the command, reads the config and runs git;
// otherwise the remote engine starts it once the config is read. It is ended when the offline engine writes after
// all, or when the cache will answer. A wrong guess of the provider costs only its SDK package: the configured one
// loads at the thread's configure message.
import type { Provider } from '../../config/schema.js';
import { PROVIDER_KEY_VARIABLES } from '../../config/detect-provider.js';
import { DEFAULT_BASE_URLS } from '../sdk-model.js';
import { indexFingerprint, wasLastAnswered } from '../../cache/answered-hint.js';
import { resolveCacheDir } from '../../cache/paths.js';
import { startProviderThread, type ProviderThread } from './client.js';

let current: ProviderThread | undefined;

const PROVIDERS: readonly Provider[] = ['openai', 'openai-compatible', 'anthropic', 'gemini'];

const variable = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name]?.trim() || undefined;

/**
 * Whether the provider thread is asked for (GIT_AI_PROVIDER_THREAD=worker). Off by default: on this project's shared
 * 2-core machine it cost more CPU than it took off the main thread and did not shorten a run (see the README).
 */
export function threadEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.GIT_AI_PROVIDER_THREAD === 'worker';
}

/**
 * The provider and API root the environment alone names (the config file and `git config ai.*` are read later and
 * decide): GIT_AI_PROVIDER, else the one vendor's key that is set, else openai for GIT_AI_API_KEY; none with
 * GIT_AI_ENGINE=local.
 */
export function providerFromEnvironment(env: NodeJS.ProcessEnv): { provider: Provider; apiRoot?: string } | undefined {
  if (variable(env, 'GIT_AI_ENGINE') === 'local') return undefined;
  const named = PROVIDERS.find((provider) => provider === variable(env, 'GIT_AI_PROVIDER'));
  const keyed = PROVIDER_KEY_VARIABLES.filter(([, names]) => names.some((name) => variable(env, name)));
  const provider =
    named ??
    (keyed.length === 1 ? keyed[0]![0] : keyed.length === 0 && variable(env, 'GIT_AI_API_KEY') ? 'openai' : undefined);
  if (provider === undefined) return undefined;
  const apiRoot =
    variable(env, 'GIT_AI_BASE_URL') ??
    (provider === 'openai' ? variable(env, 'OPENAI_BASE_URL') : undefined) ??
    DEFAULT_BASE_URLS[provider];
  return { provider, ...(apiRoot === undefined ? {} : { apiRoot }) };
}

function start(options: { provider: Provider; apiRoot?: string; env: NodeJS.ProcessEnv }): ProviderThread {
  current = startProviderThread({ provider: options.provider, env: options.env, preconnect: options.apiRoot });
  return current;
}

/**
 * Starts the thread if the environment names a provider and the cache will not likely answer (the last answer was
 * not for the index as it is now: cache/answered-hint), as soon as git has named the repository: the commit
 * command's start. This module is small and loads with the CLI's entry, so that the thread's own start (~30 ms)
 * begins before the command's modules load.
 */
export function startProviderThreadEarly(
  env: NodeJS.ProcessEnv,
  /** The early start's repository lookup (cli/early-start.ts); none when the command reads another index. */
  early: Promise<{ repo: { gitDir: string } }> | undefined,
): void {
  const named = threadEnabled(env) ? providerFromEnvironment(env) : undefined;
  if (named === undefined || early === undefined) return;
  const starting = early
    .then(async ({ repo }) => wasLastAnswered(resolveCacheDir(env), await indexFingerprint({ gitDir: repo.gitDir })))
    .then((answered) => {
      if (!answered && current === undefined && !settled) start({ ...named, env });
    });
  starting.catch(() => undefined); // outside a repository: the command reports it
}

let settled = false;

/** The provider thread the commit command started for this run, if any; none starts after this is asked. */
export function providerThread(): ProviderThread | undefined {
  settled = true;
  return current;
}

/** Ends the thread, if one was started: the offline engine writes, or the cache will answer. */
export function stopProviderThread(): void {
  settled = true;
  void current?.close().catch(() => undefined);
  current = undefined;
}
