// The single-step and the analysis prompts, each fitted to the window: what those stages send and what `git ai prompt`
// shows. Apart from the stages, so that `prompt` loads none of the code that sends, streams, caches or ranks.
import type { Config, ResolvedConfig } from '../../config/schema.js';
import type { PreparedChunk, PreparedDiff } from '../../diff/prepared.js';
import { buildAnalysisPrompt, buildDirectPrompt } from './prompts.js';
import { resolveModelName } from './request-budget.js';
import { fitPrompt, requestLimit, type FittedPrompt } from './request-fit.js';

/** The single-step request's prompt, cut if it must be to fit the window. */
export function fitDirectPrompt(
  options: Parameters<typeof buildDirectPrompt>[0],
  config: ResolvedConfig | Config,
): Promise<FittedPrompt> {
  const { prepared } = options;
  return fitPrompt({
    build: (cut) => buildDirectPrompt({ ...options, cut }),
    diffLength: prepared.chunks.reduce((sum, chunk) => sum + chunk.text.length + 1, 0),
    encoding: prepared.encoding,
    limit: requestLimit(resolveModelName(config), config.contextWindow),
  });
}

/** A part's analysis prompt, cut if it must be to fit the window. */
export function fitAnalysisPrompt(options: {
  chunk: PreparedChunk;
  prepared: PreparedDiff;
  config: Config;
}): Promise<FittedPrompt> {
  const { chunk, prepared, config } = options;
  return fitPrompt({
    build: (cut) => buildAnalysisPrompt({ chunk, listing: prepared.listing, cut }),
    diffLength: chunk.text.length,
    encoding: prepared.encoding,
    limit: requestLimit(resolveModelName(config), config.contextWindow),
  });
}
