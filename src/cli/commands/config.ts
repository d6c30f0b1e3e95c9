// `git-ai config get|set|unset|list|path|reset`: returns the text to print; the user file is changed atomically or not at all.
import { unlink } from 'node:fs/promises';
import { editIniText, readIniFile, writeFileAtomic } from '../../config/ini-file.js';
import { findKey, formatConfigValue, shownValue, parseConfigValue, propertyOf, resolveKey } from '../../config/keys.js';
import type { ConfigKey } from '../../config/keys.js';
import { USER_SECTION, loadConfig, resolveConfigPath } from '../../config/load.js';
import { renderConfigList } from '../../config/render.js';
import { UserError, isUserError, withFileAction } from '../../errors.js';

export const CONFIG_ACTIONS = ['get', 'set', 'unset', 'list', 'path', 'reset'] as const;
export type ConfigAction = (typeof CONFIG_ACTIONS)[number];

export interface ConfigCommandOptions {
  action: ConfigAction;
  key?: string;
  value?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** get: print a secret (the API key) in clear rather than masked. */
  showSecret?: boolean;
}

const USAGE: Record<ConfigAction, string> = {
  get: 'git-ai config get <key>',
  set: 'git-ai config set <key> <value>',
  unset: 'git-ai config unset <key>',
  list: 'git-ai config list',
  path: 'git-ai config path',
  reset: 'git-ai config reset',
};

function required(options: ConfigCommandOptions, argument: 'key' | 'value'): string {
  const given = options[argument];
  if (given !== undefined) return given;
  throw new UserError('USAGE', `Missing <${argument}>; usage: ${USAGE[options.action]}.`, {
    hint: 'Run `git-ai config list` to see the keys.',
    exitCode: 2,
  });
}

export async function runConfigCommand(options: ConfigCommandOptions): Promise<string> {
  const path = resolveConfigPath(options.env);
  switch (options.action) {
    case 'path':
      return path;
    case 'list':
      return renderConfigList(await loadConfig({ ...options, keepGoing: true }));
    case 'get': {
      const key = resolveKey(required(options, 'key'));
      const { config } = await loadConfig(options);
      const value = formatConfigValue(config[propertyOf(key)]);
      // Masked as `config list` masks it: a terminal's scrollback, a screen share or a CI log is no place for a key.
      return value !== '' && options.showSecret !== true ? shownValue(key, value) : value;
    }
    case 'set':
      return setValue(options, path);
    case 'unset':
      return unsetValue(options, path);
    case 'reset':
      return withFileAction(`remove the config file ${path}`, () =>
        unlink(path).then(
          () => `Removed ${path}; settings from git config, the environment and flags still apply.`,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return `No config file at ${path}; nothing to reset.`;
            throw error;
          },
        ),
      );
  }
}

/** The file replaced whole or left as it was; a permission or disk problem is one line naming the file. */
const saveConfigFile = (path: string, text: string): Promise<void> =>
  withFileAction(`save the config file ${path}`, () => writeFileAtomic(path, text));

const sameKey = (key: ConfigKey) => (name: string) => findKey(name) === key;

async function setValue(options: ConfigCommandOptions, path: string): Promise<string> {
  const key = resolveKey(required(options, 'key'));
  const value = formatConfigValue(parseConfigValue(key, required(options, 'value')));
  const text = (await readIniFile(path)) ?? '';
  const next = editIniText(text, { section: USER_SECTION, matches: sameKey(key), entry: { name: key, value } }, path);
  if (next !== text) await saveConfigFile(path, next);
  const shown = shownValue(key, value);
  return `Set ${key} = ${shown} in ${path}${await overriddenBy(options, key)}`;
}

async function unsetValue(options: ConfigCommandOptions, path: string): Promise<string> {
  const key = resolveKey(required(options, 'key'));
  const text = await readIniFile(path);
  const next =
    text === undefined ? undefined : editIniText(text, { section: USER_SECTION, matches: sameKey(key) }, path);
  if (text === undefined || next === text) return `${key} is not set in ${path}; nothing to unset.`;
  await saveConfigFile(path, next as string);
  return `Unset ${key} in ${path}${await overriddenBy(options, key)}`;
}

// A value just written to the file is not the one in effect when git config, the environment or a flag sets the key too.
async function overriddenBy(options: ConfigCommandOptions, key: ConfigKey): Promise<string> {
  try {
    const loaded = await loadConfig(options);
    const source = loaded.sources[key];
    return source === 'default' || source === 'user' ? '' : `\nNote: ${loaded.origins[key]} overrides it here.`;
  } catch (error) {
    if (isUserError(error)) return '';
    throw error;
  }
}
