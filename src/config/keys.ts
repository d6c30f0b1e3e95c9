// Config keys and values: dashed names, aliases, lenient spelling, suggestions, and per-key parsing with one-line errors.
import { maskUrlCredentials } from './url-credentials.js';
import { UserError } from '../errors.js';
import * as v from 'valibot';
import { configSchema, keySchemaOf, metaOfProperty } from './schema.js';
import type { Config, ConfigKey, ConfigProperty, KeyMeta } from './schema.js';

export type { ConfigKey };
export type ConfigValue = Config[ConfigProperty];

const PROPERTIES = Object.keys(configSchema.entries) as ConfigProperty[];
const toKebab = (property: string): string => property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

export const CONFIG_KEYS = PROPERTIES.map(toKebab) as ConfigKey[];
const PROPERTY_OF = new Map(CONFIG_KEYS.map((key, index) => [key, PROPERTIES[index] as ConfigProperty]));

export function propertyOf(key: ConfigKey): ConfigProperty {
  return PROPERTY_OF.get(key) as ConfigProperty;
}

export function metaOf(key: ConfigKey): KeyMeta {
  return metaOfProperty(propertyOf(key));
}

/** GIT_AI_MAX_COMMIT_LENGTH for max-commit-length. */
export function envVarOf(key: ConfigKey): string {
  return `GIT_AI_${key.toUpperCase().replaceAll('-', '_')}`;
}

// Case, dashes and underscores do not matter: max-commit-length = MAX_COMMIT_LENGTH = maxCommitLength (git's ai.maxcommitlength).
const squash = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');
const BY_SPELLING = new Map<string, ConfigKey>(
  CONFIG_KEYS.flatMap((key) => [key, ...(metaOf(key).aliases ?? [])].map((name) => [squash(name), key] as const)),
);

export function findKey(name: string): ConfigKey | undefined {
  return BY_SPELLING.get(squash(name.trim()));
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The key within edit distance 2 of `name` (dashed, lower-cased), if any. */
export function suggestKey(name: string): ConfigKey | undefined {
  const wanted = name.trim().toLowerCase().replaceAll('_', '-');
  let best: { key: ConfigKey; distance: number } | undefined;
  for (const key of CONFIG_KEYS) {
    for (const spelling of [key, ...(metaOf(key).aliases ?? [])]) {
      const distance = editDistance(wanted, spelling);
      if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key, distance };
    }
  }
  return best?.key;
}

/** The key `name` spells, or a CONFIG_UNKNOWN_KEY error listing the valid keys; `where` names the layer. */
export function resolveKey(name: string, where?: string): ConfigKey {
  const key = findKey(name);
  if (key !== undefined) return key;
  const suggestion = suggestKey(name);
  const guess = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  const prefix = where === undefined ? '' : `${where}: `;
  throw new UserError(
    'CONFIG_UNKNOWN_KEY',
    `${prefix}${where === undefined ? 'U' : 'u'}nknown config key '${name}'${guess}; valid keys: ${CONFIG_KEYS.join(', ')}.`,
    {
      hint: 'Run `git-ai config list` to see every key with its value.',
    },
  );
}

export type RawValue = string | number | boolean | readonly string[];

/** How to fix a bad value where it was found: git config, the environment, a flag, or the user file. */
function fixFor(key: ConfigKey, where: string | undefined): string {
  if (where?.startsWith('git config ')) {
    const name = where.slice('git config '.length);
    return `Fix it with \`git config ${name} <value>\`, or remove it with \`git config --unset ${name}\`.`;
  }
  if (where !== undefined && /^[A-Z][A-Z0-9_]*$/.test(where)) return `Fix or unset the ${where} environment variable.`;
  if (where?.startsWith('--')) return `Pass ${where} a valid value.`;
  return `Run \`git-ai config set ${key} <value>\` with a valid value.`;
}

/** The typed value of `raw` for `key`, or a CONFIG_INVALID error saying the expected form; `where` names the layer. */
export function parseConfigValue(key: ConfigKey, raw: RawValue, where?: string): ConfigValue {
  const result = v.safeParse(keySchemaOf(propertyOf(key)), raw);
  if (result.success && result.output !== undefined) return result.output as ConfigValue;
  const meta = metaOf(key);
  const tooBig = !result.success && result.issues.every((issue) => issue.type === 'max_value');
  const expected = tooBig && meta.tooBig !== undefined ? meta.tooBig : meta.expected;
  const prefix = where === undefined ? '' : `${where}: `;
  const shown = Array.isArray(raw) ? raw.join(',') : String(raw);
  throw new UserError('CONFIG_INVALID', `${prefix}${key} must be ${expected}, got '${shown}'.`, {
    hint: fixFor(key, where),
  });
}

/** The text form of a typed value, as stored in the file and printed by `config get`. */
export function formatConfigValue(value: ConfigValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** What `config get`, `set` and `list` show of a value: a secret masked, a URL's credentials hidden. */
export function shownValue(key: ConfigKey, text: string): string {
  if (metaOf(key).secret) return maskSecret(text);
  return maskUrlCredentials(text);
}

/** `sk-…abcd`: first 3 and last 4 characters; short secrets are hidden entirely. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 3)}…${secret.slice(-4)}` : '…';
}
