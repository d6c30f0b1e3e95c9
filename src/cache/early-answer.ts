// The remote engine's answer for a staged change, keyed by what decides it before the diff is prepared: a run the cache
// answers then loads neither the budgeting, the token bound nor the remote engine and its schemas (~0.8 MB of the
// bundle). The key covers everything the prepared requests are built from (the diff as read, the settings, the
// repository's history, rules and .gitaiignore, the instruction) and the build itself, so a new prompt or any other
// change of the code is a new key too; it is at least as strict as the request's own key (see single-step's answerKey).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { PROVIDERS, type Config } from '../config/schema.js';
import { COMMIT_TYPES, type CommitMessage } from '../engines/message.js';
import type { RepositoryHistory } from '../git/repo.js';
import type { StagedDiffStream } from '../git/staged-diff.js';
import { openCache, type Cache } from './disk-cache.js';
import { cacheKey } from './key.js';

declare const __BUILD_ID__: string | undefined;
/** A hash of the sources and the lockfile the bundle was built from; absent when the sources run unbundled (tests). */
export const BUILD_ID = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : undefined;

/** diff/ignore.ts's file, named here: importing that module would load the gitignore matcher this path spares. */
const IGNORE_FILE = '.gitaiignore';

/** Most of a diff read ahead of the budgeting (UTF-16 units) when the last answer was for this index; past it the
 * reading goes on in the budgeting, as on a first run, and the answer is looked up by the request's own key. */
export const READ_AHEAD_UNITS = 8 * 1024 * 1024;

/** A staged diff that hashes its lines as they are read, and can be read ahead of its reader. */
export interface DigestingStream extends StagedDiffStream {
  /** Reads up to `maxUnits` into memory before the reader starts; true when that was the whole diff. */
  readAhead(maxUnits: number): Promise<boolean>;
  /** The sha256 of every line read, once the last one was; undefined before. */
  digest(): string | undefined;
}

export function digestStream(source: StagedDiffStream): DigestingStream {
  const hash = createHash('sha256');
  const ahead: string[][] = [];
  let digest: string | undefined;
  const pull = async (): Promise<string[] | undefined> => {
    const step = await source.lines.next();
    if (step.done) {
      digest ??= hash.digest('hex');
      return undefined;
    }
    // Lines joined and ended by '\n' hash the same whatever the batches: no two diffs share a digest.
    hash.update(`${step.value.join('\n')}\n`);
    return step.value;
  };
  async function* lines(): AsyncGenerator<string[]> {
    try {
      while (ahead.length > 0) yield ahead.shift()!;
      for (let batch = await pull(); batch !== undefined; batch = await pull()) yield batch;
    } finally {
      source.cancel();
    }
  }
  return {
    lines: lines(),
    cancel: source.cancel,
    holdLines: source.holdLines,
    onNote: source.onNote,
    digest: () => digest,
    async readAhead(maxUnits) {
      let units = 0;
      while (digest === undefined && units <= maxUnits) {
        const batch = await pull();
        if (batch === undefined) break;
        ahead.push(batch);
        for (const line of batch) units += line.length + 1;
      }
      return digest !== undefined;
    },
  };
}

/** What the early key is made of, besides the build and the .gitaiignore file. */
export interface ChangeIdentity {
  /** The settings the engines run with (the repository's rules applied); the API key is left out of the key. */
  config: Config;
  instruction?: string;
  history: Pick<RepositoryHistory, 'subjects' | 'bodies'>;
  /** The repository's rules and instructions as the prompt states them. */
  guidance: readonly string[];
  root: string;
  /** digestStream's digest of the staged diff. */
  diff: string;
}

/** The early key, or undefined when the sources run unbundled (no build to name). */
export async function earlyAnswerKey(identity: ChangeIdentity, build = BUILD_ID): Promise<string | undefined> {
  if (build === undefined) return undefined;
  const ignoreFile = await readFile(join(identity.root, IGNORE_FILE), 'utf8').catch(() => '');
  return cacheKey({
    kind: 'change answer',
    build,
    config: { ...identity.config, apiKey: undefined },
    instruction: identity.instruction ?? '',
    subjects: identity.history.subjects,
    bodies: identity.history.bodies,
    guidance: identity.guidance,
    root: identity.root,
    ignoreFile,
    diff: identity.diff,
  });
}

const messageSchema = v.object({
  type: v.picklist(COMMIT_TYPES),
  scope: v.optional(v.string()),
  subject: v.string(),
  body: v.optional(v.string()),
  breaking: v.boolean(),
});
const answerSchema = v.object({
  message: messageSchema,
  alternatives: v.array(messageSchema),
  stage: v.picklist(['fast-path', 'single-step', 'multi-step']),
  body: v.boolean(),
  style: v.picklist(['conventional', 'plain', 'gitmoji']),
  form: v.optional(v.object({ capitalised: v.optional(v.boolean()), bareGitmoji: v.optional(v.boolean()) })),
  provider: v.picklist(PROVIDERS),
  /** The model the requests named. */
  model: v.string(),
  /** The staged paths, for the commitlint scopes the rules map a message onto. */
  paths: v.array(v.string()),
});

/** A remote answer as the engine returned it, with what `body = auto` and `style = auto` decided for the change. */
export type EarlyAnswer = Omit<v.InferOutput<typeof answerSchema>, 'message' | 'alternatives'> & {
  message: CommitMessage;
  alternatives: CommitMessage[];
};

/** The answer stored under the key, or undefined (a miss, an unreadable cache, an entry of another shape). */
export async function readEarlyAnswer(cacheDir: string, key: string): Promise<EarlyAnswer | undefined> {
  const parsed = v.safeParse(answerSchema, await openCache({ dir: cacheDir }).get<unknown>(key));
  return parsed.success ? parsed.output : undefined;
}

/** Stores an answer in the run's cache (the one its requests' answers go to: one size ledger); a cache that cannot be
 * written only loses it. */
export async function writeEarlyAnswer(cache: Cache, key: string, answer: EarlyAnswer): Promise<void> {
  await cache.set(key, answer);
}
