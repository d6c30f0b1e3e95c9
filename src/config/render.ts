// Text views of the schema and of a loaded config: the README's Markdown table and `git-ai config list`.
import { PROVIDERS, parseConfig } from './schema.js';
import { CONFIG_KEYS, envVarOf, formatConfigValue, metaOf, propertyOf, shownValue } from './keys.js';
import type { ConfigKey, ConfigValue } from './keys.js';
import { vendorVariables } from './load.js';
import type { LoadedConfig } from './load.js';
import { describeUserError } from '../errors.js';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const code = (text: string): string => `\`${text}\``;

function defaultOf(key: ConfigKey): string {
  const value = parseConfig()[propertyOf(key)] as ConfigValue | undefined;
  if (value === undefined) return '(unset)';
  const text = formatConfigValue(value);
  return text === '' ? '(empty)' : code(text);
}

function variablesOf(key: ConfigKey): string {
  const vendor = new Set([undefined, ...PROVIDERS].flatMap((provider) => vendorVariables(provider)[key] ?? []));
  const fallback = vendor.size === 0 ? '' : `, else ${[...vendor].map(code).join(' / ')}`;
  return code(envVarOf(key)) + fallback;
}

/** A Markdown table of every key (type, default, environment variable, description), generated from the schema. */
export function renderConfigTable(): string {
  const rows = CONFIG_KEYS.map((key) => {
    const meta = metaOf(key);
    const aliases = (meta.aliases ?? []).map(code);
    const name = code(key) + (aliases.length > 0 ? ` (alias ${aliases.join(', ')})` : '');
    return `| ${[name, meta.type, defaultOf(key), variablesOf(key), meta.description].map(cell).join(' | ')} |`;
  });
  return [
    '| Key | Type / values | Default | Environment | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function sourceText(loaded: LoadedConfig, key: ConfigKey): string {
  const source = loaded.sources[key];
  if (source === 'default' || source === 'git' || source === 'flag') return loaded.origins[key];
  return source === 'user' ? 'user file' : `env ${loaded.origins[key]}`;
}

function valueText(loaded: LoadedConfig, key: ConfigKey): string {
  const value = loaded.config[propertyOf(key)];
  if (value === undefined) return '(unset)';
  const text = formatConfigValue(value);
  if (text === '') return '(none)';
  return shownValue(key, text);
}

/** The `config list` table: key, effective value (secrets masked) and where it came from. */
export function renderConfigList(loaded: LoadedConfig): string {
  const rows = [
    ['KEY', 'VALUE', 'SOURCE'],
    ...CONFIG_KEYS.map((key) => [key, valueText(loaded, key), sourceText(loaded, key)]),
  ];
  // A bad setting was left out: its key is marked, and each one is said below the table with where it is and its fix.
  const bad = new Set(loaded.problems.flatMap((problem) => (problem.key ? [problem.key] : [])));
  for (const row of rows.slice(1))
    if (bad.has(row[0] as ConfigKey)) row[2] = `${row[2]} (a bad value was ignored, see below)`;
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const table = rows.map(
    ([key = '', value = '', source = '']) =>
      `${key.padEnd(widths[0] ?? 0)}  ${value.padEnd(widths[1] ?? 0)}  ${source}`,
  );
  const notes = loaded.problems.map((problem) => `ignored: ${describeUserError(problem.error)}`);
  return [...table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
