// `git-ai prompt`: the exact requests the remote engine would send for the staged changes, as JSON: each body as the
// configured provider receives it (OpenAI, Anthropic Messages, Gemini), built by the SDK code that sends it; nothing is sent.
import type { Writable } from 'node:stream';
import type { Config, ConfigKey, Provider } from '../../config/schema.js';
import type { LanguageModel } from 'ai';
import type { FittedPrompt } from '../../engines/remote/request-fit.js';
import { fitAnalysisPrompt, fitDirectPrompt } from '../../engines/remote/stage-prompts.js';
import { readHistory } from '../../git/repo.js';
import { resolveBody } from '../../pipeline/body-choice.js';
import { resolveStyle } from '../../engines/local/house-style.js';
import { planStages } from '../../engines/remote/plan.js';
import {
  prepareStagedDiff,
  RESERVED_OUTPUT_TOKENS,
  resolveModelName,
  resolveProvider,
} from '../../engines/remote/request-budget.js';
import { loadTokenizer, type Tokenizer } from '../../tokens/tokenizer.js';
import type { EarlyStart } from '../early-start.js';
import { constrainConfig } from '../../rules/effective-config.js';
import { describeRepositoryRules } from '../../rules/guidance.js';
import { loadRepositoryRules } from '../../rules/repository-rules.js';
import { openStagedChange } from './staged-change.js';
import { toTerminalJson } from '../../security/terminal-json.js';

export interface PromptCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  all: boolean;
  flags: Partial<Record<ConfigKey, string | number | boolean>>;
  signal?: AbortSignal;
  early?: Promise<EarlyStart>;
}

function poolModeOf(env: NodeJS.ProcessEnv): 'auto' | 'main' | 'pool' {
  const mode = env.GIT_AI_POOL;
  return mode === 'main' || mode === 'pool' ? mode : 'auto';
}

/** A model for capturing requests: the configured one, with stand-ins for a key or a server that is not needed to build them. */
async function captureModel(config: Config, env: NodeJS.ProcessEnv): Promise<LanguageModel> {
  const capture = await import('../../providers/capture.js');
  const provider = resolveProvider(config);
  return capture.captureModel({
    provider,
    model: resolveModelName(config),
    apiKey: config.apiKey?.trim() ? config.apiKey : 'not-sent',
    baseUrl: config.baseUrl?.trim()
      ? config.baseUrl
      : provider === 'openai-compatible'
        ? 'http://localhost/v1'
        : undefined,
    env,
  });
}

/** The request as the provider receives it (captured from the code path that sends it), with its token counts. */
async function providerRequest(options: {
  model: LanguageModel;
  /** Every request asks for plain text (the message, a part's analysis lines): none carries a schema. */
  prompt: FittedPrompt;
  tokenizer: Tokenizer;
  contextWindow: number | undefined;
}) {
  const { captureRequest } = await import('../../providers/capture.js');
  const { url, body } = await captureRequest({
    model: options.model,
    system: options.prompt.system,
    prompt: options.prompt.prompt,
    contextWindow: options.contextWindow,
  });
  const tokens = [options.prompt.system, options.prompt.prompt].map((text) => options.tokenizer.count(text));
  return {
    endpoint: url,
    request: body,
    tokens: { messages: tokens, total: tokens.reduce((sum, count) => sum + count, 0), request: options.prompt.tokens },
    ...(options.prompt.cut ? { cutToFit: options.prompt.cut } : {}),
  };
}

/**
 * What only `prompt` needs, loaded while git works rather than after its last byte: the SDK that builds the bodies
 * shown and the capture (its `Headers` are git-ai's own, providers/fetch-headers.ts: no undici to load).
 */
function preloadCapture(provider: Provider): Promise<unknown> {
  const loaded = import('../../providers/provider.js').then(({ preloadProviderSdk }) =>
    Promise.all([preloadProviderSdk(provider), import('../../providers/capture.js')]),
  );
  loaded.catch(() => undefined); // a real failure surfaces at its use
  return loaded;
}

export async function runPromptCommand(options: PromptCommandOptions): Promise<void> {
  const change = await openStagedChange(options);
  const sdk = preloadCapture(resolveProvider(change.config));
  try {
    const { context } = change;
    const [history, rules] = await Promise.all([
      change.history ?? readHistory(context),
      loadRepositoryRules({
        cwd: context.cwd,
        env: options.env,
        root: change.root,
        gitDir: change.gitDir,
        config: change.config,
        ...(change.formatSignOff === undefined ? {} : { formatSignOff: change.formatSignOff }),
      }),
    ]);
    // The requests as `commit` sends them: within the repository's rules, which the prompt states (and the budget counts).
    const config = constrainConfig(change.config, rules);
    const guidance = describeRepositoryRules(rules);
    const model = resolveModelName(config);
    const { prepared, redactions, promptTokens } = await prepareStagedDiff({
      context,
      root: change.root,
      config,
      history: history.subjects,
      guidance,
      poolMode: poolModeOf(options.env),
      signal: options.signal,
      diff: change.diff,
      warmTokenizer: true,
    });
    const tokenizer = await loadTokenizer(prepared.encoding);
    await sdk;
    const languageModel = await captureModel(config, options.env);
    const stages = planStages(prepared, config);
    const body = resolveBody(config.body, history, prepared.files);
    const messageOptions = {
      style: resolveStyle(config.style, history.subjects),
      maxLength: config.maxCommitLength,
      body,
      history: history.subjects,
      guidance,
      language: config.language,
    };
    const directPrompt = await fitDirectPrompt({ ...messageOptions, prepared }, config);
    const direct = {
      stage: stages[0] === 'fast-path' ? 'fast-path' : 'single-step',
      ...(await providerRequest({
        model: languageModel,
        prompt: directPrompt,
        tokenizer,
        contextWindow: config.contextWindow,
      })),
    };
    const requests =
      stages[0] === 'multi-step'
        ? await Promise.all(
            prepared.chunks.map(async (chunk) => ({
              stage: 'analyse',
              chunk: chunk.id,
              files: chunk.files.map((file) => file.path),
              ...(await providerRequest({
                model: languageModel,
                prompt: await fitAnalysisPrompt({ chunk, prepared, config }),
                tokenizer,
                contextWindow: config.contextWindow,
              })),
            })),
          )
        : [direct];
    const follows =
      stages[0] === 'multi-step'
        ? `Then one generate request built from the ${requests.length} analyses (ranked summaries, not the raw diff), returning ${config.candidates} candidates; the best is selected locally. If the multi-step stage fails, the single-step request under "fallback" is sent, and if that fails the offline engine writes the message.`
        : 'The best of the returned candidates is selected locally; if the request fails, the offline engine writes the message.';
    const chunkOf = new Map(prepared.chunks.flatMap((chunk) => chunk.files.map((file) => [file, chunk] as const)));
    const report = {
      provider: resolveProvider(config),
      providerConfigured: Boolean(config.provider),
      model,
      encoding: prepared.encoding,
      countsExact: tokenizer.exact,
      plan: stages,
      budget: { ...prepared.budget, promptTokens, reservedOutput: RESERVED_OUTPUT_TOKENS },
      rules: {
        commitlint: rules.commitlint ? rules.commitlint.configPath : null,
        ticket: rules.ticket
          ? { id: rules.ticket.ticket.id, form: rules.ticket.form.kind, fromHistory: rules.ticket.fromHistory }
          : null,
        instructions: { repository: rules.instructions.repository, user: rules.instructions.user },
        trailers: rules.trailers,
      },
      requests,
      follows,
      ...(stages[0] === 'multi-step' ? { fallback: direct } : {}),
      files: prepared.files.map((file) => {
        const chunk = chunkOf.get(file);
        return {
          path: file.path,
          status: file.status,
          ...(file.omitted ? { omitted: file.omitted } : {}),
          ...(chunk?.truncated ? { truncated: true, chunk: chunk.id } : chunk ? { chunk: chunk.id } : {}),
        };
      }),
      // What was taken out (kind and place, never the value): of the diff, the file names, the history subjects and the
      // team's instructions.
      secretsRedacted: redactions.length + (history.redactions?.length ?? 0) + rules.instructions.redactions.length,
      redactions: [...redactions, ...(history.redactions ?? []), ...rules.instructions.redactions],
    };
    options.stdout.write(`${toTerminalJson(report)}\n`);
  } finally {
    await change.dispose();
  }
}
