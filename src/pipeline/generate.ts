// Chooses the engine for a generation and returns the finished message text.
import type { Config } from '../config/schema.js';
import type { FileDiff } from '../diff/types.js';
import { UserError } from '../errors.js';
import { generateLocalMessage } from '../engines/local/index.js';
import { formatCommitMessage, type CommitMessage } from '../engines/message.js';
import { readHistory, type GitContext, type RepositoryHistory } from '../git/repo.js';
import { startStagedDiff, type StagedDiffStream } from '../git/staged-diff.js';
import { collectDiff } from '../prepare/collect.js';
import type { Stage } from '../engines/remote/chain.js';
import { createTrace } from '../debug/trace.js';
import { sanitizeMessage, sanitizeText } from '../security/sanitize.js';
import type { ProgressListener } from './progress.js';

export interface GenerateOptions {
  context: GitContext;
  root: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The staged diff, already started (see startStagedDiff); started here when absent. */
  diff?: StagedDiffStream;
  /** Receives the timing tree when --debug is on. */
  debug?: (text: string) => void;
  /** Receives the phases and the streamed text as the generation goes (a spinner). */
  onProgress?: ProgressListener;
}

export interface GeneratedMessage {
  text: string;
  message: CommitMessage;
  stage: Stage;
}

export function resolveEngine(config: Config): 'local' | 'remote' {
  if (config.engine === 'auto') return config.provider ? 'remote' : 'local';
  return config.engine;
}

export function writeLocalMessage(options: { files: FileDiff[]; history: RepositoryHistory; config: Config }): CommitMessage {
  const { files, history, config } = options;
  const fileHistory: Record<string, string[]> = {};
  for (const file of files.slice(0, 200)) {
    const subjects = history.byFile.get(file.path) ?? (file.oldPath ? history.byFile.get(file.oldPath) : undefined);
    if (subjects) fileHistory[file.path] = subjects;
  }
  return generateLocalMessage({ files, history: history.subjects, fileHistory, maxLength: config.maxCommitLength, body: config.body });
}

/** Every engine's message leaves here without control characters or escape sequences (a model's, or a file name's). */
function finish(message: CommitMessage, stage: Stage, config: Config): GeneratedMessage {
  const clean = sanitizeMessage(message);
  return { message: clean, stage, text: sanitizeText(formatCommitMessage(clean, { style: config.style, maxLength: config.maxCommitLength })) };
}

export async function generateCommitMessage(options: GenerateOptions): Promise<GeneratedMessage> {
  // git computes the diff while the history is read.
  const diff = options.diff ?? startStagedDiff({ ...options.context, signal: options.signal });
  try {
    return await generate({ ...options, diff });
  } finally {
    diff.cancel(); // git must not outlive a failure before or during the read
  }
}

async function generate(options: GenerateOptions & { diff: StagedDiffStream }): Promise<GeneratedMessage> {
  const { config, context, signal, diff } = options;
  const engine = resolveEngine(config);
  const history = await readHistory(context);
  if (engine === 'local') {
    // The offline engine reads hunks, not a token budget: keep no diff text, only the capped parsed files.
    options.onProgress?.({ type: 'phase', phase: 'reading' });
    const collected = await collectDiff({ lines: diff.lines, contentBudget: 1 });
    const files = collected.map((file) => file.diff);
    options.onProgress?.({ type: 'phase', phase: 'writing', total: files.length });
    return finish(writeLocalMessage({ files, history, config }), 'local', config);
  }

  // The remote engine's modules (budgeting, cache, SDK) are loaded only on this path; the SDK takes ~0.2 s to
  // load, so it starts now and loads while git produces the diff.
  const budgeting = import('../engines/remote/request-budget.js');
  const modules = Promise.all([
    import('../engines/remote/chain.js'),
    budgeting.then(async ({ resolveProvider }) => {
      const provider = await import('../providers/provider.js');
      provider.preloadProviderSdk(resolveProvider(config)).catch(() => undefined); // a real failure surfaces at the call
      return provider;
    }),
    import('../cache/disk-cache.js'),
    import('../cache/paths.js'),
  ]);
  modules.catch(() => undefined); // awaited below; a failure must not count as unhandled if preparing fails first
  const { prepareStagedDiff, resolveProvider } = await budgeting;
  const trace = createTrace();
  const root = trace.span('run', { engine });
  const prepareSpan = root.child('prepare');
  options.onProgress?.({ type: 'phase', phase: 'reading' });
  const { prepared, files } = await prepareStagedDiff({ context, root: options.root, config, history: history.subjects, signal, diff });
  prepareSpan.end({ files: prepared.files.length, chunks: prepared.chunks.length, tokens: prepared.budget.used, budget: prepared.budget.total });

  const [{ generateWithFallback }, { createLanguageModel }, { disabledCache, openCache }, { resolveCacheDir }] = await modules;
  options.onProgress?.({ type: 'phase', phase: 'writing', total: prepared.files.length });
  try {
    const result = await generateWithFallback({
      prepared,
      config,
      history: history.subjects,
      model: () => createLanguageModel({ provider: resolveProvider(config), model: config.model, apiKey: config.apiKey, baseUrl: config.baseUrl }),
      cache: config.cache ? openCache({ dir: resolveCacheDir(options.env) }) : disabledCache,
      local: () => writeLocalMessage({ files, history, config }),
      signal,
      trace,
    });
    root.end({ stage: result.stage, requests: result.requests });
    return finish(result.message, result.stage, config);
  } catch (error) {
    root.end({ error: error instanceof UserError ? error.code : 'error' });
    throw error;
  } finally {
    options.debug?.(trace.render());
  }
}
