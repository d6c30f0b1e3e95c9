// Every request inside its window: system and prompt counted together, and cut until they fit.
import type * as z from 'zod';
import { toRequestJsonSchema } from '../../providers/json-schema.js';
import { ANSWER_TOKENS, REQUEST_FRAMING_TOKENS } from '../../providers/reasoning.js';
import { resolveModelInfo } from '../../tokens/models.js';
import { loadTokenizer, type TokenEncoding } from '../../tokens/tokenizer.js';
import type { Prompt, PromptCut } from './prompts.js';

/** Tokens kept for the answer: a part's analysis lines or the message, with room to spare (also each request's output bound). */
export const RESERVED_OUTPUT_TOKENS = ANSWER_TOKENS;
export { REQUEST_FRAMING_TOKENS };

const schemaTexts = new WeakMap<z.ZodType, string>();

/** The JSON schema the request carries, as text (its descriptions are part of what the model reads and pays for). */
export function schemaText(schema: z.ZodType): string {
  let text = schemaTexts.get(schema);
  if (text === undefined) schemaTexts.set(schema, (text = JSON.stringify(toRequestJsonSchema(schema))));
  return text;
}

/** Input tokens a request may use: the model's window less the reserved answer. */
export function requestLimit(model: string, contextWindow: number | undefined): number {
  return resolveModelInfo(model, { contextWindow }).contextWindow - RESERVED_OUTPUT_TOKENS;
}

/**
 * A request's input tokens in the model's encoding: system, prompt and framing (every request asks for plain text,
 * so none carries a schema). A BPE token is at least one byte, so bytes bound the count from above and the encoding
 * (~0.1 s to load) is loaded only near the limit.
 */
export async function countRequest(prompt: Prompt, encoding: TokenEncoding, limit: number): Promise<number> {
  const parts = [prompt.system, prompt.prompt];
  const bytes = parts.reduce((sum, part) => sum + Buffer.byteLength(part), REQUEST_FRAMING_TOKENS);
  if (bytes <= limit && encoding !== 'estimate') return bytes;
  const tokenizer = await loadTokenizer(encoding);
  return parts.reduce((sum, part) => sum + tokenizer.count(part), REQUEST_FRAMING_TOKENS);
}

export interface FittedPrompt extends Prompt {
  tokens: number;
  /** How it was cut to fit, if it was. */
  cut?: PromptCut;
}

/**
 * The prompt as built, or cut until it fits `limit`: first the part's file list to a count, then the diff text
 * (by the measured excess, widened each round), at last without any diff.
 */
export async function fitPrompt(options: {
  build: (cut?: PromptCut) => Prompt;
  diffLength: number;
  encoding: TokenEncoding;
  limit: number;
}): Promise<FittedPrompt> {
  const { build, encoding, limit } = options;
  const attempt = async (cut?: PromptCut): Promise<FittedPrompt> => {
    const prompt = build(cut);
    return { ...prompt, tokens: await countRequest(prompt, encoding, limit), ...(cut ? { cut } : {}) };
  };
  let fitted = await attempt();
  if (fitted.tokens <= limit) return fitted;
  fitted = await attempt({ compactFiles: true });
  let diffChars = options.diffLength;
  for (let round = 0; round < 6 && fitted.tokens > limit && diffChars > 0; round++) {
    // ~5 UTF-16 units per token in code (3.7 median, 5.1 at p99), and a wider cut each round.
    diffChars = Math.max(0, diffChars - (fitted.tokens - limit) * 5 * (round + 1) - 64);
    fitted = await attempt({ compactFiles: true, diffChars });
  }
  if (fitted.tokens > limit) fitted = await attempt({ compactFiles: true, diffChars: 0 });
  return fitted;
}
