// The staged diff made ready for requests: excluded and secret files listed only, redacted, and cut to pre-allocated budgets.
import type { FileEntry, OmitReason, PreparedChunk, PreparedDiff } from '../diff/prepared.js';
import type { FileDiff } from '../diff/types.js';
import { UserError } from '../errors.js';
import { runTokenTasks } from '../pool/run-token-tasks.js';
import { placeInFile, redactFileDiffText, redactName, type Redaction } from '../security/redact.js';
import { allocateBudget, computeInputBudget } from '../tokens/budget.js';
import { resolveModelInfo } from '../tokens/models.js';
import { boundWithin } from '../tokens/bound.js';
import { fitsByBytes, loadTokenizer } from '../tokens/tokenizer.js';
import { groupIntoChunks } from './chunks.js';
import { collectDiff, type CollectedFile } from './collect.js';
import { foldListing, renderListing } from './listing.js';

/** Share of the input budget the file listing may take before it is folded per directory. */
export const LISTING_SHARE = 0.25;
const MAX_ROUNDS = 4;
export const DEFAULT_MAX_CHUNKS = 8;

export interface PrepareDiffOptions {
  lines: AsyncIterable<readonly string[]>;
  /** See CollectOptions.holdLines. */
  holdLines?: (units: number) => void;
  model: string;
  maxTokens: number;
  contextWindow?: number;
  /** Tokens of the prompt around the diff. */
  promptTokens: number;
  /** Tokens kept for the answer. */
  reservedOutput: number;
  /** True for paths the user excluded (`.gitaiignore`, `exclude`). */
  isIgnored?: (path: string) => boolean;
  /** Most chunks (one wave of concurrent requests); default 8. */
  maxChunks?: number;
  poolMode?: 'auto' | 'main' | 'pool';
  signal?: AbortSignal;
}

export interface PrepareDiffResult {
  prepared: PreparedDiff;
  /** Parsed files (hunk lines capped) for the offline engine. */
  files: FileDiff[];
  secretsRedacted: number;
  /** Each secret taken out of the diff and the file names: kind and place, never the value. */
  redactions: Redaction[];
}

/** The entry's names as they may be sent: a token in a file name goes no further than a secret in its content. */
function redactEntryNames(entry: FileEntry, redactions: Redaction[]): void {
  for (const key of ['path', 'oldPath'] as const) {
    const name = entry[key];
    if (name === undefined) continue;
    const { text, kinds } = redactName(name);
    if (kinds.length === 0) continue;
    entry[key] = text;
    for (const kind of kinds) redactions.push({ kind, place: `file name ${text}` });
  }
}

const OMITTED_CATEGORIES = new Set(['lockfile', 'generated', 'vendored', 'binary']);

function omitReason(diff: FileDiff, isIgnored?: (path: string) => boolean): OmitReason | undefined {
  if (diff.binary) return 'binary';
  if (OMITTED_CATEGORIES.has(diff.category)) return diff.category as OmitReason;
  if (isIgnored?.(diff.path)) return 'ignored';
  return undefined;
}

function toEntry(diff: FileDiff): FileEntry {
  const entry: FileEntry = {
    path: diff.path,
    status: diff.status,
    binary: diff.binary,
    additions: diff.additions,
    deletions: diff.deletions,
    category: diff.category,
  };
  if (diff.oldPath !== undefined) entry.oldPath = diff.oldPath;
  return entry;
}

export async function prepareDiff(options: PrepareDiffOptions): Promise<PrepareDiffResult> {
  const info = resolveModelInfo(options.model, { contextWindow: options.contextWindow });
  const total = computeInputBudget({
    maxTokens: options.maxTokens,
    contextWindow: info.contextWindow,
    promptTokens: options.promptTokens,
    reservedOutput: options.reservedOutput,
  });
  if (total <= 0) {
    throw new UserError(
      'CONFIG_INVALID',
      `The prompt leaves no room for the diff in ${options.model}'s ${info.contextWindow}-token window.`,
      {
        hint: 'Raise max-tokens, or set context-window if the model has a larger window than git-ai knows.',
      },
    );
  }
  const collected = await collectDiff({ lines: options.lines, contentBudget: total, holdLines: options.holdLines });

  const redactions: Redaction[] = [];
  const entries: FileEntry[] = [];
  const sendable: Array<{ entry: FileEntry; file: CollectedFile; text: string }> = [];
  for (const file of collected) {
    const entry = toEntry(file.diff);
    if (file.cutLines > 0) entry.cutLines = file.cutLines;
    entries.push(entry);
    const reason = omitReason(file.diff, options.isIgnored);
    const redacted = reason
      ? undefined
      : redactFileDiffText({ path: entry.path, oldPath: entry.oldPath, text: file.text });
    redactEntryNames(entry, redactions);
    if (reason) {
      entry.omitted = reason;
      continue;
    }
    for (const finding of redacted!.findings)
      redactions.push({ kind: finding.kind, place: `${entry.path} ${placeInFile(file.text, finding.line)}` });
    if (redacted!.withheld) entry.omitted = 'secret';
    else sendable.push({ entry, file, text: redacted!.text });
  }

  const listingBudget = Math.floor(total * LISTING_SHARE);
  // Loading an encoding costs ~0.1 s: a listing within its share by the bound (src/tokens/bound.ts) never needs it.
  const fullListing = renderListing(entries);
  let listing = fullListing;
  let listingTokens = (await boundWithin(info.encoding, fullListing, listingBudget)) ?? Number.POSITIVE_INFINITY;
  if (listingTokens > listingBudget) {
    const tokenizer = await loadTokenizer(info.encoding);
    // The bound is only an upper one (UTF-8 bytes for cl100k_base and the estimate, ~1.3x for o200k_base's pieces):
    // the full listing is folded only when its own count, stopped at the share, is over too. The last count is the
    // listing's, so no text is counted twice.
    let lastCount: number | undefined;
    const fits = (text: string): boolean => {
      lastCount = undefined;
      if (fitsByBytes(text, listingBudget)) return true;
      lastCount = tokenizer.countWithin(text, listingBudget);
      return lastCount !== undefined;
    };
    if (!fits(fullListing)) listing = foldListing(entries, fits);
    listingTokens = lastCount ?? tokenizer.count(listing);
  }
  const contentBudget = Math.max(0, total - listingTokens);

  const groups = groupIntoChunks(
    sendable.map((item) => item.file.fullLength),
    options.maxChunks ?? DEFAULT_MAX_CHUNKS,
  );
  const texts = groups.map((group) => group.map((index) => sendable[index]!.text).join(''));
  const cut = groups.map((group) =>
    group.some((index) => sendable[index]!.file.text.length < sendable[index]!.file.fullLength),
  );
  const omitted = groups.map((group) => group.reduce((sum, index) => sum + sendable[index]!.file.droppedLines, 0));
  const chunks = await fitChunks({
    texts,
    cut,
    omitted,
    contentBudget,
    encoding: info.encoding,
    poolMode: options.poolMode,
    signal: options.signal,
  });

  const prepared: PreparedDiff = {
    files: entries,
    chunks: [],
    listing,
    listingTokens,
    encoding: info.encoding,
    budget: { total, listing: listingTokens, content: contentBudget, used: listingTokens },
  };
  groups.forEach((group, index) => {
    const fitted = chunks[index]!;
    const files = group.map((member) => sendable[member]!.entry);
    if (fitted.text === '') {
      for (const entry of files) entry.omitted ??= 'budget';
      return;
    }
    prepared.chunks.push({ id: prepared.chunks.length, files, ...fitted });
    prepared.budget.used += fitted.tokens;
  });
  return { prepared, files: collected.map((file) => file.diff), secretsRedacted: redactions.length, redactions };
}

interface FitOptions {
  texts: string[];
  /** Whether collection already dropped part of a chunk's text (so it is truncated whatever its share). */
  cut: boolean[];
  /** Lines dropped at collection, per chunk. */
  omitted: number[];
  contentBudget: number;
  encoding: PreparedDiff['encoding'];
  poolMode?: 'auto' | 'main' | 'pool';
  signal?: AbortSignal;
}

type Fitted = Omit<PreparedChunk, 'id' | 'files'>;

/**
 * Allocates the content budget across chunks up front, then fits each chunk to its share independently.
 * Needs start as byte sizes (an upper bound on tokens, so a chunk within its share by bytes is never tokenized);
 * a chunk that turns out to need fewer tokens than its share gives the rest back and the split is redone.
 */
async function fitChunks(options: FitOptions): Promise<Fitted[]> {
  const { texts, cut } = options;
  // UTF-8 bytes bound tokens from above; a chunk cut at collection needs more than it kept, whatever it is.
  const needs = texts.map((text, index) => (cut[index] ? Number.MAX_SAFE_INTEGER : Buffer.byteLength(text)));
  const exact = new Array<boolean>(texts.length).fill(false);
  const results = new Array<Fitted | undefined>(texts.length);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const allocation = allocateBudget({ total: options.contentBudget, needs });
    const tasks = [];
    let changed = false;
    for (let index = 0; index < texts.length; index++) {
      const text = texts[index]!;
      const share = allocation[index]!;
      // Bounds a count without the encoding: a chunk within its share by it is never tokenized.
      const bounded = cut[index] || exact[index] ? undefined : await boundWithin(options.encoding, text, share);
      if (bounded !== undefined) {
        results[index] = { text, tokens: bounded, allocation: share, truncated: false, omittedLines: 0 };
        if (bounded < needs[index]!) {
          needs[index] = bounded; // gives back what it does not need
          changed = true;
        }
        continue;
      }
      if (exact[index] && results[index]?.allocation === share) continue;
      tasks.push({ id: index, encoding: options.encoding, maxTokens: share, text });
    }
    if (tasks.length === 0) {
      if (changed) continue;
      break;
    }
    const done = await runTokenTasks(tasks, { signal: options.signal, mode: options.poolMode ?? 'auto' });
    for (const result of done) {
      const index = result.id;
      const truncated = result.truncated || cut[index]!;
      results[index] = {
        text: result.text,
        tokens: result.tokens,
        allocation: tasks.find((task) => task.id === index)!.maxTokens,
        truncated,
        omittedLines: result.omittedLines + options.omitted[index]!,
      };
      exact[index] = true;
      if (!truncated && result.tokens < needs[index]!) {
        needs[index] = result.tokens; // gives back what it does not need
        changed = true;
      }
    }
    if (!changed) break;
  }
  return results.map((result) => result ?? { text: '', tokens: 0, allocation: 0, truncated: true, omittedLines: 0 });
}
