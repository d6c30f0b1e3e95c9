// A provider's key in the environment configures that provider, when no provider is set; several keys choose none.
import type { Provider } from './schema.js';

/** Each vendor's own key variables, as its SDK and every peer tool read them. */
export const PROVIDER_KEY_VARIABLES: ReadonlyArray<[provider: Provider, variables: readonly string[]]> = [
  ['openai', ['OPENAI_API_KEY']],
  ['anthropic', ['ANTHROPIC_API_KEY']],
  ['gemini', ['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY']],
];

export type ProviderDetection =
  | { kind: 'none' }
  | { kind: 'one'; provider: Provider; variable: string }
  /** More than one vendor's key is set: none is guessed. */
  | { kind: 'several'; variables: string[] };

export function detectProvider(env: NodeJS.ProcessEnv): ProviderDetection {
  const found = PROVIDER_KEY_VARIABLES.flatMap(([provider, variables]) => {
    const variable = variables.find((name) => (env[name] ?? '').trim() !== '');
    return variable === undefined ? [] : [{ provider, variable }];
  });
  const [first] = found;
  if (first === undefined) return { kind: 'none' };
  return found.length === 1
    ? { kind: 'one', ...first }
    : { kind: 'several', variables: found.map((entry) => entry.variable) };
}

/** The one line said when several keys are set and no provider is: how to choose. */
export function severalKeysLine(variables: readonly string[]): string {
  const names = variables.join(', ');
  return `git-ai: ${names} are all set and no provider is chosen, so none is used; choose one with \`git-ai config set provider <name>\` (or \`git config ai.provider <name>\` for this repository); the offline engine wrote this message`;
}
