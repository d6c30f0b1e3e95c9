// The one schema of git-ai's settings: each key's type, default, description and secrecy; `Config` is derived from it.
// valibot, not zod: every command reads the config, and its few functions used here cost ~3 ms to load and build
// where zod's chunk took ~33 ms of CPU (see the README's libraries table).
import * as v from 'valibot';
import type { SubjectForm } from '../engines/message.js';

export const PROVIDERS = ['openai', 'openai-compatible', 'anthropic', 'gemini'] as const;
export const STYLES = ['auto', 'conventional', 'plain', 'gitmoji'] as const;
export const ENGINES = ['auto', 'local', 'remote'] as const;
export const TICKET_MODES = ['auto', 'off'] as const;
export type Provider = (typeof PROVIDERS)[number];
export type CommitStyle = (typeof STYLES)[number];
export type EngineChoice = (typeof ENGINES)[number];

export type KeyMeta = {
  description: string;
  /** Type or allowed values, for the README table. */
  type: string;
  /** Completes "<key> must be …, got '<raw>'". */
  expected: string;
  /** Replaces `expected` when the value is a number above the maximum. */
  tooBig?: string;
  secret?: boolean;
  aliases?: readonly string[];
};

// Raw values arrive as strings (file, git, env) or as already-typed flag values; these map both onto the typed form.
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);
const NUMBER_FORM = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function toBoolean(raw: unknown): unknown {
  const word = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : raw;
  if (typeof word !== 'string') return word;
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : raw;
}

function toNumber(raw: unknown): unknown {
  return typeof raw === 'string' && NUMBER_FORM.test(raw.trim()) ? Number(raw.trim()) : raw;
}

function toText(raw: unknown): unknown {
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : typeof raw === 'string' ? raw.trim() : raw;
}

function toList(raw: unknown): unknown {
  const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw.map(String) : raw;
  return Array.isArray(items) ? items.map((item: string) => item.trim()).filter((item) => item !== '') : items;
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

// Each raw value is first mapped onto its typed form (`from`), then checked.
const from = (map: (raw: unknown) => unknown) => v.pipe(v.unknown(), v.transform(map));
const bool = () => v.pipe(from(toBoolean), v.boolean());
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(from(toNumber), v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max));
const seconds = (max: number) => v.pipe(from(toNumber), v.number(), v.finite(), v.gtValue(0), v.maxValue(max));
const text = () => v.pipe(from(toText), v.string(), v.minLength(1));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  v.pipe(
    from((raw) => (typeof raw === 'string' ? raw.trim().toLowerCase() : raw)),
    v.picklist(values),
  );
type Schema = v.GenericSchema<unknown, unknown>;
/** A key: its check, its default (none: unset), and what the README, `--help` and the error lines say of it. */
const key = <S extends Schema, const D extends v.Default<S, undefined> = undefined>(
  schema: S,
  meta: KeyMeta,
  fallback?: D,
) => v.pipe(v.optional(schema, fallback as D), v.metadata(meta));

const BOOLEAN = { type: 'boolean', expected: 'true or false (also yes/no, on/off, 1/0)' };
const listed = (values: readonly string[]) => ({
  type: values.map((value) => `\`${value}\``).join(' | '),
  expected: `one of ${values.join(', ')}`,
});

// Node fires any timer longer than 2^31-1 ms at once, so a larger timeout would mean none.
export const MAX_TIMEOUT_SECONDS = 2_147_483;

export const configSchema = v.object({
  provider: key(oneOf(PROVIDERS), {
    ...listed(PROVIDERS),
    description:
      'LLM provider for the remote engine; unset: the one whose key is in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY), openai when only api-key is set, else none (the offline engine writes the message).',
  }),
  model: key(text(), {
    type: 'string',
    expected: 'a model name',
    description: "Model name for the provider; unset uses the provider's default model.",
  }),
  apiKey: key(text(), {
    type: 'string (secret)',
    expected: 'a non-empty key',
    secret: true,
    aliases: ['openai-api-key'],
    description: "API key for the provider; falls back to the provider's own variable (e.g. OPENAI_API_KEY).",
  }),
  baseUrl: key(v.pipe(text(), v.check(isHttpUrl)), {
    type: 'http(s) URL',
    expected: 'an http(s) URL',
    aliases: ['openai-base-url'],
    description: 'API base URL, for openai-compatible servers or proxies.',
  }),
  maxTokens: key(
    int(1),
    {
      type: 'integer ≥ 1',
      expected: 'a positive whole number',
      description: 'Token budget for the diff sent to the model.',
    },
    8000,
  ),
  contextWindow: key(int(1), {
    type: 'integer ≥ 1',
    expected: 'a positive whole number',
    description: 'Context window of the model in tokens; overrides the known window of the model.',
  }),
  // Up to 1024, as the Rust git-ai accepts (its users' `config set max-commit-length 1024` must work).
  maxCommitLength: key(
    int(20, 1024),
    {
      type: 'integer 20–1024',
      expected: 'a whole number from 20 to 1024',
      description: 'Longest allowed subject line, in characters.',
    },
    72,
  ),
  enableMultiStep: key(
    bool(),
    { ...BOOLEAN, description: 'Summarise large diffs file by file before writing the message.' },
    true,
  ),
  multiStepMinFiles: key(
    int(0),
    {
      type: 'integer ≥ 0',
      expected: 'a whole number (0 or more)',
      description:
        'Files (with content sent) from which multi-step analysis is used; smaller changes take one request, the fastest path, since every round trip costs.',
    },
    250,
  ),
  parallelApiCalls: key(
    bool(),
    { ...BOOLEAN, description: 'Send the per-file requests of a multi-step run in parallel.' },
    true,
  ),
  concurrency: key(
    int(1, 64),
    {
      type: 'integer 1–64',
      expected: 'a whole number from 1 to 64',
      description: 'Most requests or workers running at once.',
    },
    8,
  ),
  candidates: key(
    int(1, 8),
    {
      type: 'integer 1–8',
      expected: 'a whole number from 1 to 8',
      description:
        'Candidate messages to ask for; several are decoded in parallel (n, candidateCount, or concurrent requests) for a person to choose from.',
    },
    1,
  ),
  timeout: key(
    seconds(MAX_TIMEOUT_SECONDS),
    {
      type: `seconds (> 0, ≤ ${MAX_TIMEOUT_SECONDS})`,
      expected: 'a positive number of seconds',
      tooBig: `a positive number of seconds up to ${MAX_TIMEOUT_SECONDS}`,
      description: 'Time limit for the remote engine, in seconds.',
    },
    20,
  ),
  hookTimeout: key(
    seconds(MAX_TIMEOUT_SECONDS),
    {
      type: `seconds (> 0, ≤ ${MAX_TIMEOUT_SECONDS})`,
      expected: 'a positive number of seconds',
      tooBig: `a positive number of seconds up to ${MAX_TIMEOUT_SECONDS}`,
      description: 'Time the prepare-commit-msg hook waits for a message; past it the offline engine writes one.',
    },
    15,
  ),
  language: key(text(), {
    type: 'string',
    expected: 'a language name, e.g. English or de',
    description: "Language of the remote engine's messages; unset writes English.",
  }),
  style: key(
    oneOf(STYLES),
    {
      ...listed(STYLES),
      description:
        "Commit message style; auto writes as the repository's recent subjects do (Conventional Commits, gitmoji or plain sentences).",
    },
    'auto',
  ),
  body: key(
    v.pipe(
      from((raw) => (typeof raw === 'string' && raw.trim().toLowerCase() === 'auto' ? 'auto' : toBoolean(raw))),
      v.union([v.literal('auto'), v.boolean()]),
    ),
    {
      type: '`auto` | boolean',
      expected: 'auto, true or false (also yes/no, on/off, 1/0)',
      description:
        "Write a body under the subject line; auto writes one when a fifth of the repository's last 100 commits have a body and the change is more than a small edit.",
    },
    'auto',
  ),
  exclude: key(
    v.pipe(from(toList), v.array(v.string())),
    {
      type: 'comma-separated list',
      expected: 'a comma-separated list of gitignore patterns',
      description: 'Gitignore patterns of staged files to leave out of the diff.',
    },
    () => [],
  ),
  cache: key(bool(), { ...BOOLEAN, description: 'Reuse messages already written for the same staged changes.' }, true),
  engine: key(
    oneOf(ENGINES),
    {
      ...listed(ENGINES),
      description: 'auto uses the remote engine when a provider is configured, else the offline one.',
    },
    'auto',
  ),
  ticket: key(
    oneOf(TICKET_MODES),
    {
      ...listed(TICKET_MODES),
      description:
        "auto puts the branch's ticket (feature/PROJ-123-x, fix/456-x, gh-78) into the message, in the form the history uses; off leaves it out.",
    },
    'auto',
  ),
  instructions: key(text(), {
    type: 'string',
    expected: 'some text',
    description:
      "Your own instructions for the remote engine (e.g. 'write in the past tense'), sent with the repository's .gitaiinstructions.",
  }),
});

/** The whole config from typed or raw values; throws on a bad one (a caller checks each value first, with its one-liner). */
export function parseConfig(values: Readonly<Record<string, unknown>> = {}): Config {
  return v.parse(configSchema, values);
}

/** The check of one key's value, its metadata, and its default, for keys.ts and the README table. */
export const keySchemaOf = (property: ConfigProperty) => configSchema.entries[property];
export const metaOfProperty = (property: ConfigProperty): KeyMeta =>
  v.getMetadata(keySchemaOf(property)) as unknown as KeyMeta;

export type Config = v.InferOutput<typeof configSchema>;
/** The config an engine runs with: `body = auto` already decided for this change (see pipeline/body-choice.ts). */
export type ResolvedConfig = Omit<Config, 'body' | 'style'> & {
  body: boolean;
  style: Exclude<Config['style'], 'auto'>;
  /** How the repository cases its subjects and writes its gitmoji, learnt with `style = auto`'s history. */
  form?: SubjectForm;
  /** The person's instruction for this one message (`--context`, or "regenerate with an instruction"); not a key. */
  instruction?: string;
};
export type ConfigProperty = keyof Config;

type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/** The user-facing name of a setting, e.g. 'max-commit-length' for config.maxCommitLength. */
export type ConfigKey = Kebab<ConfigProperty>;
