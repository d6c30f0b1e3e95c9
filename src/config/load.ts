// Layered config: defaults < user INI [default] < git config ai.* < environment < flags; each value checked where it comes from.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readGitSettings } from '../git/settings.js';
import { detectProvider } from './detect-provider.js';
import { readIniFile, readIniSection } from './ini-file.js';
import { CONFIG_KEYS, envVarOf, findKey, parseConfigValue, propertyOf, resolveKey, suggestKey } from './keys.js';
import type { ConfigKey, ConfigValue, RawValue } from './keys.js';
import { parseConfig } from './schema.js';
import { isUserError, type UserError } from '../errors.js';
import type { Config, ConfigProperty, Provider } from './schema.js';

export type ConfigSource = 'default' | 'user' | 'git' | 'env' | 'flag';
export type ConfigFlags = Partial<Record<ConfigKey, RawValue | undefined>>;

export interface LoadedConfig {
  config: Config;
  sources: Record<ConfigKey, ConfigSource>;
  /** Where each value came from in words: 'default', the file path, 'git config ai.model', 'GIT_AI_MODEL', '--model'. */
  origins: Record<ConfigKey, string>;
  path: string;
  /** git's `format.signOff`, read with the ai.* keys (one git process for both). */
  formatSignOff: boolean;
  /** Only with `keepGoing`: the settings that were bad and left out, each as the one line loading would have failed with. */
  problems: ConfigProblem[];
}

export interface ConfigProblem {
  key?: ConfigKey;
  error: UserError;
}

export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Parsed CLI values keyed by config key (dashed or camelCase); undefined values and other keys are ignored. */
  flags?: ConfigFlags | Readonly<Record<string, unknown>>;
  /** Leave a bad setting (a bad value, an unknown key) out and report it in `problems` instead of failing; a file
   * that cannot be read or parsed still fails. `config list` shows everything this way. */
  keepGoing?: boolean;
  /** readGitSettings's output, when it was started before (beside the repository's lookup). */
  gitSettings?: Promise<string>;
}

/** Runs one setting's check: a bad one fails the load, or, with `keepGoing`, is recorded and left out. */
type Check = <T>(read: () => T[], key?: ConfigKey) => T[];

function checker(keepGoing: boolean | undefined, problems: ConfigProblem[]): Check {
  return (read, key) => {
    try {
      return read();
    } catch (error) {
      if (!keepGoing || !isUserError(error)) throw error;
      problems.push({ ...(key ? { key } : {}), error });
      return [];
    }
  };
}

interface Setting {
  key: ConfigKey;
  value: ConfigValue;
  source: ConfigSource;
  origin: string;
}

export const USER_SECTION = 'default';

/** `$XDG_CONFIG_HOME/git-ai/config.ini`, else `$HOME/.config/git-ai/config.ini` (relative XDG paths are ignored, per the spec). */
export function resolveConfigPath(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'git-ai', 'config.ini');
}

const isBlank = (raw: unknown): boolean =>
  raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

async function readUserLayer(path: string, check: Check): Promise<Setting[]> {
  const text = await readIniFile(path);
  if (text === undefined) return [];
  return readIniSection(text, USER_SECTION, path).flatMap(({ name, value }) =>
    check(() => {
      const key = resolveKey(name, path);
      return isBlank(value)
        ? []
        : [{ key, value: parseConfigValue(key, value, path), source: 'user' as const, origin: path }];
    }, findKey(name)),
  );
}

/** `git config -z` records as name (lowercased by git) and value; a key written without `=` has no value. */
function gitRecords(output: string): { name: string; value: string | undefined }[] {
  return output
    .split('\0')
    .filter((record) => record !== '')
    .map((record) => {
      const split = record.indexOf('\n');
      return split === -1
        ? { name: record, value: undefined }
        : { name: record.slice(0, split), value: record.slice(split + 1) };
    });
}

const GIT_TRUE = new Set(['true', 'yes', 'on']);
const GIT_FALSE = new Set(['false', 'no', 'off', '']);

/** A value as `git config --type=bool` reads it: a key without a value is true, an integer is true unless 0; a value git
 * would refuse counts as false. */
function gitBoolean(value: string | undefined): boolean {
  if (value === undefined) return true;
  const word = value.trim().toLowerCase();
  if (GIT_TRUE.has(word)) return true;
  if (GIT_FALSE.has(word)) return false;
  return /^[+-]?\d+[kmg]?$/.test(word) && !/^[+-]?0+[kmg]?$/.test(word);
}

function readGitLayer(output: string, check: Check): Setting[] {
  return gitRecords(output).flatMap((record) => {
    if (!record.name.startsWith('ai.')) return [];
    const name = record.name.slice('ai.'.length);
    const value = record.value ?? 'true';
    const key = findKey(name);
    const origin = `git config ai.${name}`;
    // ai.* is not ours alone: only a near miss of one of our keys is worth an error.
    return check(() => {
      if (key === undefined && name !== '' && !name.includes('.') && suggestKey(name)) resolveKey(name, origin);
      if (key === undefined || isBlank(value)) return [];
      return [{ key, value: parseConfigValue(key, value, origin), source: 'git' as const, origin }];
    }, key);
  });
}

/** `format.signOff` as git reads it (the last value wins). */
function readFormatSignOff(output: string): boolean {
  const last = gitRecords(output).findLast((record) => record.name === 'format.signoff');
  return last !== undefined && gitBoolean(last.value);
}

// The provider's own variables stand in for api-key and base-url, below GIT_AI_*; they follow the chosen provider.
export function vendorVariables(provider: Provider | undefined): Partial<Record<ConfigKey, string[]>> {
  // ANTHROPIC_BASE_URL as Anthropic's SDK and Claude Code read it (a gateway): named here, the early connection and
  // `config list` follow it, where the SDK alone would send there unseen.
  if (provider === 'anthropic') return { 'api-key': ['ANTHROPIC_API_KEY'], 'base-url': ['ANTHROPIC_BASE_URL'] };
  if (provider === 'gemini') return { 'api-key': ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'] };
  return { 'api-key': ['OPENAI_API_KEY'], 'base-url': ['OPENAI_BASE_URL'] };
}

function readEnvLayer(env: NodeJS.ProcessEnv, names: (key: ConfigKey) => readonly string[], check: Check): Setting[] {
  return CONFIG_KEYS.flatMap((key) => {
    const candidates = names(key);
    const name = candidates.find((variable) => !isBlank(env[variable]));
    const raw = name === undefined ? undefined : env[name];
    if (name === undefined || raw === undefined) return [];
    // GEMINI_API_KEY and GOOGLE_GENERATIVE_AI_API_KEY both set, to different keys: `config list` says which is used.
    const ignored = candidates.filter(
      (variable) => variable !== name && !isBlank(env[variable]) && env[variable]!.trim() !== raw.trim(),
    );
    const origin =
      ignored.length === 0 ? name : `${name} (${ignored.join(', ')} is set too, to another value, and not used)`;
    return check(() => [{ key, value: parseConfigValue(key, raw, name), source: 'env' as const, origin }], key);
  });
}

function readFlagLayer(flags: LoadConfigOptions['flags'] = {}, check: Check): Setting[] {
  return Object.entries(flags).flatMap(([name, raw]) => {
    const key = findKey(name);
    if (key === undefined || isBlank(raw) || !isRawValue(raw)) return [];
    return check(
      () => [{ key, value: parseConfigValue(key, raw, `--${key}`), source: 'flag' as const, origin: `--${key}` }],
      key,
    );
  });
}

const isRawValue = (raw: unknown): raw is RawValue =>
  ['string', 'number', 'boolean'].includes(typeof raw) ||
  (Array.isArray(raw) && raw.every((item) => typeof item === 'string'));

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = resolveConfigPath(options.env);
  const problems: ConfigProblem[] = [];
  const check = checker(options.keepGoing, problems);
  const gitOutput = options.gitSettings ?? readGitSettings({ cwd: options.cwd, env: options.env });
  const user = await readUserLayer(path, check);
  const gitSettings = await gitOutput;
  const git = readGitLayer(gitSettings, check);
  const env = readEnvLayer(options.env, (key) => [envVarOf(key)], check);
  const flags = readFlagLayer(options.flags, check);
  const layers = [...user, ...git, ...env, ...flags];
  const configured = layers.findLast((setting) => setting.key === 'provider')?.value as Provider | undefined;
  // No provider set: one vendor's key in the environment configures that vendor; an api-key alone means openai.
  const detection = configured === undefined ? detectProvider(options.env) : { kind: 'none' as const };
  const detected: Setting[] =
    detection.kind === 'one'
      ? [{ key: 'provider', value: detection.provider, source: 'env', origin: `${detection.variable} is set` }]
      : detection.kind === 'none' && configured === undefined && layers.some((setting) => setting.key === 'api-key')
        ? [{ key: 'provider', value: 'openai', source: 'default', origin: 'default (api-key is set)' }]
        : [];
  const provider = configured ?? (detected[0]?.value as Provider | undefined);
  const vendor = vendorVariables(provider);
  const vendorEnv = readEnvLayer(options.env, (key) => vendor[key] ?? [], check);

  const values: Partial<Record<ConfigProperty, ConfigValue>> = {};
  const sources = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as Record<ConfigKey, ConfigSource>;
  const origins = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as Record<ConfigKey, string>;
  if (detection.kind === 'several')
    origins.provider = `unset: ${detection.variables.join(', ')} are all set, none is guessed`;
  for (const setting of [...detected, ...user, ...git, ...vendorEnv, ...env, ...flags]) {
    values[propertyOf(setting.key)] = setting.value;
    sources[setting.key] = setting.source;
    origins[setting.key] = setting.origin;
  }
  return {
    config: parseConfig(values),
    sources,
    origins,
    path,
    formatSignOff: readFormatSignOff(gitSettings),
    problems,
  };
}
