// What the prompt around the diff costs, so the diff's budget is what the model's window really leaves.
import type { Config } from '../../config/schema.js';
import { loadIgnoreMatcher } from '../../diff/ignore.js';
import type { PreparedDiff } from '../../diff/prepared.js';
import type { GitContext } from '../../git/repo.js';
import { startStagedDiff, type StagedDiffStream } from '../../git/staged-diff.js';
import { prepareDiff, type PrepareDiffResult } from '../../prepare/prepare-diff.js';
import { buildDirectPrompt } from './prompts.js';
import { RESERVED_OUTPUT_TOKENS, REQUEST_FRAMING_TOKENS } from './request-fit.js';
import { DEFAULT_MODELS, resolveProvider } from '../../providers/provider.js';

export { resolveProvider } from '../../providers/provider.js';
import { resolveModelInfo } from '../../tokens/models.js';
import { loadTokenizer } from '../../tokens/tokenizer.js';

export { RESERVED_OUTPUT_TOKENS } from './request-fit.js';

/** The model the request would name: configured, else the provider's default (an openai-compatible server has none). */
export function resolveModelName(config: Config): string {
  const provider = resolveProvider(config);
  return config.model?.trim() || DEFAULT_MODELS[provider] || 'unknown';
}

const EMPTY: PreparedDiff = {
  files: [],
  chunks: [],
  listing: '',
  listingTokens: 0,
  encoding: 'estimate',
  budget: { total: 0, listing: 0, content: 0, used: 0 },
};

/**
 * Tokens of the single-step prompt with no diff in it (the largest prompt around a diff), history included.
 * Its UTF-8 size bounds it from above; the tokenizer (~0.2 s to load) is used only when that bound would shrink the budget.
 */
export async function measurePromptOverhead(options: {
  config: Config;
  history: string[];
  guidance?: readonly string[];
}): Promise<number> {
  const { config } = options;
  const prompt = buildDirectPrompt({
    prepared: EMPTY,
    style: config.style === 'auto' ? 'conventional' : config.style, // auto is decided with the history; count the conventional rules
    maxLength: config.maxCommitLength,
    body: config.body !== false, // `auto` is decided after the diff is read: count the longer rule
    history: options.history,
    guidance: options.guidance,
  });
  // Every request is plain text (the message, each part's analysis lines): none carries a schema.
  const info = resolveModelInfo(resolveModelName(config), { contextWindow: config.contextWindow });
  const bound = Buffer.byteLength(prompt.system) + Buffer.byteLength(prompt.prompt) + REQUEST_FRAMING_TOKENS;
  if (config.maxTokens + bound + RESERVED_OUTPUT_TOKENS <= info.contextWindow) return bound;
  const tokenizer = await loadTokenizer(info.encoding);
  return tokenizer.count(prompt.system) + tokenizer.count(prompt.prompt) + REQUEST_FRAMING_TOKENS;
}

export interface PrepareStagedOptions {
  context: GitContext;
  /** The work tree's top level, where `.gitaiignore` lives. */
  root: string;
  config: Config;
  /** The repository's recent subjects, which the prompt carries. */
  history: string[];
  /** The repository's rules and instructions, which the prompt carries too (so they count in the budget). */
  guidance?: readonly string[];
  poolMode?: 'auto' | 'main' | 'pool';
  signal?: AbortSignal;
  /** The staged diff, already started (see startStagedDiff); started here when absent. */
  diff?: StagedDiffStream;
  /**
   * The caller counts tokens whatever the diff's size (`git ai prompt` reports every request's count): load
   * the encoding while git computes the diff, before it writes its first byte (~0.25 s on a 100 MB diff),
   * so the ~0.15 s load costs no stream time there.
   */
  warmTokenizer?: boolean;
}

/** The staged diff, read once and budgeted for the configured model: what both `commit` and `prompt` send. */
export async function prepareStagedDiff(
  options: PrepareStagedOptions,
): Promise<PrepareDiffResult & { promptTokens: number }> {
  const { config, context, signal } = options;
  const diff = options.diff ?? startStagedDiff({ ...context, signal });
  const model = resolveModelName(config);
  if (options.warmTokenizer) {
    const { encoding } = resolveModelInfo(model, { contextWindow: config.contextWindow });
    void loadTokenizer(encoding).catch(() => undefined); // a real failure surfaces at its use
  }
  try {
    const [promptTokens, isIgnored] = await Promise.all([
      measurePromptOverhead({ config, history: options.history, guidance: options.guidance }),
      loadIgnoreMatcher({ root: options.root, exclude: config.exclude }),
    ]);
    const result = await prepareDiff({
      lines: diff.lines,
      holdLines: diff.holdLines,
      model,
      maxTokens: config.maxTokens,
      contextWindow: config.contextWindow,
      promptTokens,
      reservedOutput: RESERVED_OUTPUT_TOKENS,
      isIgnored,
      maxChunks: config.concurrency,
      poolMode: options.poolMode,
      signal,
    });
    return { ...result, promptTokens };
  } finally {
    diff.cancel(); // git must not outlive a failure before or during the read
  }
}
