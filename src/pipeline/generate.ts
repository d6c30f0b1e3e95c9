// Chooses the engine for a generation and returns the finished message text.
import type { LanguageModel } from 'ai';
import {
  BUILD_ID,
  digestStream,
  earlyAnswerKey,
  READ_AHEAD_UNITS,
  readEarlyAnswer,
  writeEarlyAnswer,
  type ChangeIdentity,
  type EarlyAnswer,
} from '../cache/early-answer.js';
import { resolveCacheDir } from '../cache/paths.js'; // in the bundle beside early-answer: an import() added a module
import type { Config, Provider, ResolvedConfig } from '../config/schema.js';
import type { FileDiff } from '../diff/types.js';
import { detectProvider, severalKeysLine } from '../config/detect-provider.js';
import { UserError } from '../errors.js';
import { formatCommitMessage, type CommitMessage } from '../engines/message.js';
import type { Stage } from '../engines/remote/chain.js';
import { writeRevertMessage } from '../engines/local/revert.js';
import { fillFileHistory } from '../git/file-history.js';
import { FILE_HISTORY_BUDGET_MS, gitEnv, readHistory, type GitContext, type RepositoryHistory } from '../git/repo.js';
import { readRevertState, type RevertState } from '../git/revert-state.js';
import { startStagedDiff, type StagedDiffStream } from '../git/staged-diff.js';
import { collectDiff } from '../prepare/collect.js';
import { createTrace, type Span } from '../debug/trace.js';
import { describeRedactions, redactMessage, type Redaction } from '../security/redact.js';
import { sanitizeMessage, sanitizeText } from '../security/sanitize.js';
import { resolveBody, resolveConfig } from './body-choice.js';
import type { Fallback } from './events.js';
import type { ProgressListener } from './progress.js';
import { applyRepositoryRules, describeUnmetRules } from '../rules/apply-rules.js';
import { constrainConfig, hasRules } from '../rules/effective-config.js';
import { describeRepositoryRules } from '../rules/guidance.js';
import { cleanInstruction } from '../rules/instructions.js';
import { loadRepositoryRules, type RepositoryRules } from '../rules/repository-rules.js';

export interface GenerateOptions {
  context: GitContext;
  root: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The staged diff, already started (see startStagedDiff); started here when absent. */
  diff?: StagedDiffStream;
  /** The recent history, already being read (see startEarly); read here when absent. */
  history?: Promise<RepositoryHistory>;
  /** Receives the timing tree when --debug is on. */
  debug?: (text: string) => void;
  /** Receives the phases and the streamed text as the generation goes (a spinner). */
  onProgress?: ProgressListener;
  /** Stream the message request and send its text to onProgress as it comes (a terminal that shows it). */
  streamDraft?: boolean;
  /** Where a fallback's one `git-ai: …` line goes (and a commitlint rule the message still breaks); stderr when absent. */
  warn?: (line: string) => void;
  /** The repository's git directory (its HEAD names the branch, for the ticket). */
  gitDir?: string;
  /** `-s`: sign off the message whatever format.signOff says. */
  signOff?: boolean;
  /** git's format.signOff when the config read already has it (read here when absent). */
  formatSignOff?: boolean;
  /** Trailers already in the message file (the hook's), kept under the message. */
  trailers?: readonly string[];
  /** The person's instruction for this message ("shorter", "mention the migration"), for the remote engine. */
  instruction?: string;
}

export interface GeneratedMessage {
  text: string;
  message: CommitMessage;
  stage: Stage;
  engine: 'local' | 'remote';
  /** The provider and model that were asked (remote engine only). */
  provider?: Provider;
  model?: string;
  /** Whether a body was asked for (`body = auto` decided for this change). */
  body: boolean;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** The other candidates' texts, best first (when config.candidates > 1). */
  alternatives: string[];
  /** Set when something failed and something else wrote the message (the line was printed too). */
  fallback?: Fallback;
}

export function resolveEngine(config: Config): 'local' | 'remote' {
  if (config.engine === 'auto') return config.provider ? 'remote' : 'local';
  return config.engine;
}

// The offline engine (~120 kB bundled) loads where it writes: a remote run needs it only when the provider fails.
const loadLocalEngine = () => import('../engines/local/index.js');

export async function writeLocalMessage(options: {
  files: FileDiff[];
  history: RepositoryHistory;
  config: ResolvedConfig;
  explain?: (text: string) => void;
}): Promise<CommitMessage> {
  const { files, history, config, explain } = options;
  await history.completeFiles?.(FILE_HISTORY_BUDGET_MS); // the staged files' own subjects, still read after a fallback
  const { generateLocalMessage } = await loadLocalEngine();
  const fileHistory: Record<string, string[]> = {};
  for (const file of files.slice(0, 200)) {
    const subjects = history.byFile.get(file.path) ?? (file.oldPath ? history.byFile.get(file.oldPath) : undefined);
    if (subjects) fileHistory[file.path] = subjects;
  }
  return generateLocalMessage({
    files,
    history: history.subjects,
    fileHistory,
    maxLength: config.maxCommitLength,
    body: config.body,
    ...(explain ? { explain } : {}),
  });
}

/** Every engine's message leaves here without control characters or escape sequences (a model's, or a file name's). */
function finish(message: CommitMessage, config: ResolvedConfig): { message: CommitMessage; text: string } {
  const clean = redactMessage(sanitizeMessage(message)); // and no secret from a file name in a subject
  return {
    message: clean,
    text: sanitizeText(
      formatCommitMessage(clean, {
        style: config.style,
        maxLength: config.maxCommitLength,
        ...(config.form ? { form: config.form } : {}),
      }),
    ),
  };
}

/** git's own message for the revert in progress, in the repository's form of it, within its rules; no engine runs. */
async function writeRevert(
  state: RevertState,
  history: RepositoryHistory,
  context: Omit<RuleContext, 'paths'>,
): Promise<GeneratedMessage> {
  const subject = redactMessage(sanitizeMessage({ subject: state.subject })).subject; // a secret in the old subject too
  const { message, text } = writeRevertMessage({ commit: state.commit, subject }, history.subjects);
  return {
    message,
    text: await applyRules(sanitizeText(text), { ...context, paths: [] }),
    stage: 'local',
    engine: 'local',
    body: true,
    requests: 0,
    alternatives: [],
  };
}

/** One more request quoting the failed rules, for a remote message; absent for the offline one. */
type Repair = (
  text: string,
  errors: Awaited<ReturnType<typeof applyRepositoryRules>>['errors'],
) => Promise<string | undefined>;

interface RuleContext {
  rules: RepositoryRules;
  paths: readonly string[];
  warn: (line: string) => void;
}

/** The message in the repository's form (ticket, trailers, commitlint rules), repaired, and any rule it still breaks named. */
async function applyRules(text: string, context: RuleContext, repair?: Repair): Promise<string> {
  const { rules } = context;
  if (!hasRules(rules)) return text;
  let ruled = await applyRepositoryRules(text, rules, { paths: context.paths });
  if (ruled.errors.length > 0 && repair) {
    const answer = await repair(ruled.text, ruled.errors);
    const second =
      answer === undefined
        ? undefined
        : await applyRepositoryRules(sanitizeText(answer), rules, { paths: context.paths });
    if (second && second.errors.length < ruled.errors.length) ruled = second;
  }
  const unmet = describeUnmetRules(ruled.errors);
  if (unmet) context.warn(`git-ai: ${unmet}`);
  return sanitizeText(ruled.text);
}

/** The alternatives shown beside the message: within the rules mechanically, without a request or a line each. */
async function applyRulesQuietly(texts: string[], context: RuleContext): Promise<string[]> {
  if (!hasRules(context.rules)) return texts;
  return Promise.all(
    texts.map(async (text) =>
      sanitizeText((await applyRepositoryRules(text, context.rules, { paths: context.paths })).text),
    ),
  );
}

export async function generateCommitMessage(options: GenerateOptions): Promise<GeneratedMessage> {
  // git computes the diff while the history is read.
  const diff = options.diff ?? startStagedDiff({ ...options.context, signal: options.signal });
  // Without the early start (the hook, --all): a remote run reads the staged files' own subjects once its request is
  // out, and that git, like the diff's, stops with the run.
  const reading = new AbortController();
  const history =
    options.history ??
    readHistory({
      ...options.context,
      signal: reading.signal,
      deferPathSubjects: resolveEngine(options.config) !== 'local',
    });
  // The person's instruction is sent with the request: without secret values, as the diff is.
  const instruction = cleanInstruction(options.instruction);
  try {
    return await generate({
      ...options,
      instruction: instruction?.text,
      instructionRedactions: instruction?.redactions ?? [],
      diff,
      history,
    });
  } finally {
    diff.cancel(); // git must not outlive a failure before or during the read
    reading.abort();
  }
}

/**
 * The remote engine's modules (budgeting, chain, cache), loaded only on its path, and the AI SDK unless the cache will
 * likely answer (see cache/answered-hint): while this thread would wait for git, or, when it is not preloaded, at the
 * first request (see createLanguageModel).
 */
function startRemote(options: GenerateOptions, answered: Promise<AnsweredBefore>) {
  const { config, env } = options;
  const providers = import('../providers/provider.js');
  const budgeting = import('./remote-engine.js');
  const hint = import('../cache/answered-hint.js');
  const fingerprint = answered.then((before) => before.fingerprint);
  const preloading = Promise.all([providers, answered]).then(([provider, before]) => {
    const settings = { ...modelSettings(config, env), provider: provider.resolveProvider(config) };
    // The connection (DNS, TCP, TLS: 50-300 ms on real networks) opens while git produces the diff, in any case.
    provider.preconnectProvider(settings);
    // What the first request needs (the SDK, where it streams) loads while git works; a failure surfaces at the call.
    const stream = options.streamDraft === true;
    if (!before.answered) provider.preloadProviderSdk(settings.provider, { stream }).catch(() => undefined);
  });
  const modules = Promise.all([budgeting, providers, hint, preloading]);
  modules.catch(() => undefined); // awaited below; a failure must not count as unhandled if preparing fails first
  return { budgeting, modules, fingerprint };
}

/** The model settings of a config, as createLanguageModel takes them. */
function modelSettings(config: Config, env: NodeJS.ProcessEnv) {
  return { model: config.model, apiKey: config.apiKey, baseUrl: config.baseUrl, env };
}

interface AnsweredBefore {
  /** The index's identity (see cache/answered-hint); undefined without a cache or a git directory. */
  fingerprint?: string;
  /** Whether the last remote answer was for the index as it is now. */
  answered: boolean;
  cacheDir: string;
}

async function checkAnswered(options: GenerateOptions): Promise<AnsweredBefore> {
  const { indexFingerprint, wasLastAnswered } = await import('../cache/answered-hint.js');
  const fingerprint =
    options.config.cache && options.gitDir !== undefined
      ? await indexFingerprint({ gitDir: options.gitDir, indexFile: options.context.indexFile })
      : undefined;
  const cacheDir = resolveCacheDir(options.env);
  return { fingerprint, cacheDir, answered: await wasLastAnswered(cacheDir, fingerprint) };
}

/** A request quoting the rules the message still breaks, on the model the run uses (see applyRules). */
function ruleRepair(options: {
  root: Span;
  model: () => Promise<LanguageModel>;
  guidance: readonly string[];
  deadline: number;
  signal?: AbortSignal;
  contextWindow: number | undefined;
}): Repair {
  return async (text, errors) => {
    const span = options.root.child('repair', { rules: errors.map((error) => error.name).join(',') });
    const { requestRuleRepair } = await import('../rules/repair-request.js');
    const answer = await requestRuleRepair({
      model: await options.model(),
      text,
      errors,
      guidance: options.guidance,
      deadline: options.deadline,
      signal: options.signal,
      contextWindow: options.contextWindow,
    });
    span.end({ answered: answer !== undefined });
    return answer;
  };
}

/** The message from the early answer (see cache/early-answer): the same finishing and rules as a fresh answer. */
async function answerFromCache(options: {
  generate: GenerateOptions;
  hit: EarlyAnswer;
  config: Config;
  rules: RepositoryRules;
  guidance: readonly string[];
  warn: (line: string) => void;
}): Promise<GeneratedMessage> {
  const { generate, hit, config } = options;
  const trace = createTrace();
  const root = trace.span('run', { engine: 'remote' });
  root.child('early answer', { cacheHit: true, stage: hit.stage }).end();
  const resolved: ResolvedConfig = {
    ...config,
    body: hit.body,
    style: hit.style,
    ...(hit.form ? { form: hit.form } : {}),
    ...(generate.instruction?.trim() ? { instruction: generate.instruction.trim() } : {}),
  };
  const provider = hit.provider;
  const model = async () =>
    (await import('../providers/provider.js')).createLanguageModel({
      provider,
      model: config.model,
      apiKey: config.apiKey,
      baseUrl: config.baseUrl,
      env: generate.env,
    });
  const repair = ruleRepair({
    root,
    model,
    guidance: options.guidance,
    deadline: Date.now() + config.timeout * 1000,
    signal: generate.signal,
    contextWindow: config.contextWindow,
  });
  const ruleContext: RuleContext = { rules: options.rules, paths: hit.paths, warn: options.warn };
  const written = finish(hit.message, resolved);
  const text = await applyRules(written.text, ruleContext, repair);
  root.end({ stage: hit.stage, requests: 0, body: resolved.body });
  generate.debug?.(trace.render());
  return {
    ...written,
    text,
    stage: hit.stage,
    engine: 'remote',
    provider,
    model: hit.model,
    body: resolved.body,
    requests: 0,
    alternatives: await applyRulesQuietly(
      hit.alternatives.map((message) => finish(message, resolved).text),
      ruleContext,
    ),
  };
}

async function generate(
  options: GenerateOptions & {
    diff: StagedDiffStream;
    history: Promise<RepositoryHistory>;
    instructionRedactions: Redaction[];
  },
): Promise<GeneratedMessage> {
  const { context, signal, diff } = options;
  const engine = resolveEngine(options.config);
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  diff.onNote(warn); // a big file the diff did not read is said where the fallbacks are
  // A revert in progress (`git revert --no-commit`) is committed with git's own message: one file read when there is none.
  const reverting =
    options.gitDir === undefined
      ? undefined
      : readRevertState({ gitDir: options.gitDir, cwd: context.cwd, env: gitEnv(context) });
  const unchosen =
    options.config.provider === undefined && options.config.engine !== 'local'
      ? detectProvider(options.env)
      : undefined;
  if (unchosen?.kind === 'several') {
    if (options.config.engine === 'remote') {
      throw new UserError('CONFIG_INVALID', `${unchosen.variables.join(', ')} are all set and no provider is chosen.`, {
        hint: 'Choose one with `git-ai config set provider <name>` (or `git config ai.provider <name>` for this repository).',
      });
    }
    warn(severalKeysLine(unchosen.variables));
  }
  const answered = engine === 'remote' ? checkAnswered(options) : undefined;
  answered?.catch(() => undefined); // awaited below
  // A change whose last answer was for this very index is looked up by its early key first (cache/early-answer),
  // and the remote modules load only on a miss; otherwise they load while git reads the history and the diff.
  const lookupFirst = answered !== undefined && BUILD_ID !== undefined && (await answered).answered;
  let remote = answered && !lookupFirst ? startRemote(options, answered) : undefined;
  if (engine === 'local') {
    loadLocalEngine().catch(() => undefined); // loads while git works; awaited where it writes
  }
  // --debug's timing tree of the offline engine (the remote engine's has its requests too, below).
  const localTrace = engine === 'local' && options.debug ? createTrace() : undefined;
  const localRun = localTrace?.span('run', { engine });
  const historySpan = localRun?.child('history and rules');
  const loadingRules = loadRepositoryRules({
    cwd: context.cwd,
    env: options.env,
    root: options.root,
    gitDir: options.gitDir,
    config: options.config,
    signOff: options.signOff,
    formatSignOff: options.formatSignOff,
    trailers: options.trailers,
  });
  loadingRules.catch(() => undefined); // awaited below, after the history
  const history = await options.history;
  if (engine === 'local') history.startFiles?.(); // a remote run reads them once its request is sent (below)
  const rules = await loadingRules;
  for (const line of rules.notices) warn(`git-ai: ${line}`);
  // The engines write within the repository's rules from the start: header length, body, Conventional Commits.
  const config = constrainConfig(options.config, rules);
  historySpan?.end({ subjects: history.subjects.length });
  const revert = await reverting;
  if (revert && 'problem' in revert) warn(`git-ai: ${revert.problem}`);
  if (revert && 'state' in revert) {
    options.debug?.(`type revert: REVERT_HEAD names ${revert.state.commit}`);
    return writeRevert(revert.state, history, { rules, warn });
  }
  if (engine === 'local') {
    // The offline engine reads hunks, not a token budget: keep no diff text, only the capped parsed files.
    options.onProgress?.({ type: 'phase', phase: 'reading' });
    const readSpan = localRun?.child('read diff');
    const collected = await collectDiff({ lines: diff.lines, contentBudget: 0, holdLines: diff.holdLines });
    const files = collected.map((file) => file.diff);
    readSpan?.end({ files: files.length });
    // The staged files the 300-commit window missed get their older subjects, in a short budget (see file-history).
    const olderSpan = localRun?.child('file history');
    olderSpan?.end(await fillFileHistory(history, files, context));
    options.onProgress?.({ type: 'phase', phase: 'writing', total: files.length });
    const writeSpan = localRun?.child('write');
    const resolved = resolveConfig(config, resolveBody(config.body, history, files), history.subjects);
    const written = finish(
      await writeLocalMessage({ files, history, config: resolved, explain: options.debug }),
      resolved,
    );
    const text = await applyRules(written.text, { rules, paths: files.map((file) => file.path), warn });
    writeSpan?.end({ style: resolved.style, body: resolved.body });
    localRun?.end({ stage: 'local', requests: 0 });
    if (localTrace) options.debug?.(localTrace.render());
    return { ...written, text, stage: 'local', engine, body: resolved.body, requests: 0, alternatives: [] };
  }

  options.onProgress?.({ type: 'phase', phase: 'reading' });
  const guidance = describeRepositoryRules(rules);
  const digesting = config.cache && BUILD_ID !== undefined ? digestStream(diff) : undefined;
  const identity = (digest: string): ChangeIdentity => ({
    config,
    instruction: options.instruction?.trim(),
    history,
    guidance,
    root: options.root,
    diff: digest,
  });
  if (lookupFirst && (await digesting?.readAhead(READ_AHEAD_UNITS))) {
    const key = await earlyAnswerKey(identity(digesting!.digest()!));
    const hit = key === undefined ? undefined : await readEarlyAnswer((await answered!).cacheDir, key);
    if (hit) return answerFromCache({ generate: options, hit, config, rules, guidance, warn });
  }
  remote ??= startRemote(options, answered!);
  const { budgeting, modules, fingerprint } = remote;
  const { prepareStagedDiff, resolveProvider, resolveModelName } = await budgeting;
  const trace = createTrace();
  const root = trace.span('run', { engine });
  const prepareSpan = root.child('prepare');
  const { prepared, files, redactions } = await prepareStagedDiff({
    context,
    root: options.root,
    config,
    history: history.subjects,
    guidance,
    signal,
    diff: digesting ?? diff,
  });
  const redacted = [
    ...redactions,
    ...(history.redactions ?? []),
    ...rules.instructions.redactions,
    ...options.instructionRedactions,
  ];
  prepareSpan.end({
    files: prepared.files.length,
    chunks: prepared.chunks.length,
    tokens: prepared.budget.used,
    budget: prepared.budget.total,
    redacted: redacted.length,
  });
  if (redacted.length > 0) options.debug?.(describeRedactions(redacted));
  const resolved = {
    ...resolveConfig(config, resolveBody(config.body, history, prepared.files), history.subjects),
    ...(options.instruction?.trim() ? { instruction: options.instruction.trim() } : {}),
  };
  const provider = resolveProvider(config);
  const model = resolveModelName(config);

  const [{ generateWithFallback, disabledCache, openCache }, { createLanguageModel }, hint] = await modules;
  const cache = config.cache ? openCache({ dir: resolveCacheDir(options.env) }) : disabledCache;
  // The early key names the diff as read, all read by now unless the budgeting stopped early (then there is none).
  let earlyKey: Promise<string | undefined> | undefined;
  const earlyKeyOf = (): Promise<string | undefined> => {
    const digest = digesting?.digest();
    return digest === undefined ? Promise.resolve(undefined) : (earlyKey ??= earlyAnswerKey(identity(digest)));
  };
  // What the request's bytes do not need waits until it is out, and is ready when its answer comes.
  const onSent = () => {
    history.startFiles?.(); // the staged files' own subjects, for the offline fallback only
    cache.warm?.();
    earlyKeyOf().catch(() => undefined); // awaited where the answer is recorded
  };
  let recording: Promise<unknown> | undefined;
  try {
    const languageModel = () =>
      createLanguageModel({
        ...modelSettings(config, options.env),
        provider,
        onSent,
        onLoad: (loading) => {
          const span = root.child('load sdk');
          loading.then(
            () => span.end(),
            () => span.end({ failed: true }),
          );
        },
      });
    const started = Date.now();
    const result = await generateWithFallback({
      prepared,
      config: resolved,
      history: history.subjects,
      guidance,
      model: languageModel,
      cache,
      local: () => writeLocalMessage({ files, history, config: resolved }),
      signal,
      trace,
      providerName: provider,
      onProgress: options.onProgress,
      streamDraft: options.streamDraft,
    });
    if (result.fallback) warn(result.fallback.line);
    // The answer's records (the cache's entries, the hint, the early answer) are written while the message is
    // finished, and awaited before it is returned, so that none is lost: their file system round trips are off the
    // path to the output.
    const { stage } = result;
    const recordAnswer = async (answered: Exclude<typeof stage, 'local'>): Promise<void> => {
      const noting = hint.noteAnswered(resolveCacheDir(options.env), await fingerprint);
      const key = await earlyKeyOf();
      if (key !== undefined)
        await writeEarlyAnswer(cache, key, {
          message: result.message,
          alternatives: result.alternatives,
          stage: answered,
          body: resolved.body,
          style: resolved.style,
          ...(resolved.form ? { form: resolved.form } : {}),
          provider,
          model,
          paths: files.map((file) => file.path),
        });
      await noting;
    };
    recording = Promise.all([result.stored, result.fallback || stage === 'local' ? undefined : recordAnswer(stage)]);
    recording.catch(() => undefined); // awaited below, also when finishing the message fails
    const repair: Repair | undefined =
      result.stage === 'local'
        ? undefined
        : ruleRepair({
            root,
            model: languageModel,
            guidance,
            deadline: started + config.timeout * 1000,
            signal,
            contextWindow: config.contextWindow,
          });
    const ruleContext: RuleContext = { rules, paths: files.map((file) => file.path), warn };
    const written = finish(result.message, resolved);
    const text = await applyRules(written.text, ruleContext, repair);
    const alternatives = await applyRulesQuietly(
      result.alternatives.map((message) => finish(message, resolved).text),
      ruleContext,
    );
    await recording;
    root.end({ stage: result.stage, requests: result.requests, body: resolved.body });
    return {
      ...written,
      text,
      stage: result.stage,
      engine,
      provider,
      model,
      body: resolved.body,
      requests: result.requests,
      alternatives,
      ...(result.fallback ? { fallback: result.fallback } : {}),
    };
  } catch (error) {
    root.end({ error: error instanceof UserError ? error.code : 'error' });
    await recording?.catch(() => undefined);
    throw error;
  } finally {
    options.debug?.(trace.render());
  }
}
