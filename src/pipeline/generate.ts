// Chooses the engine for a generation and returns the finished message text.
import type { FileDiff } from '../diff/types.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { generateLocalMessage } from '../engines/local/index.js';
import { formatCommitMessage, type CommitMessage } from '../engines/message.js';
import type { RepositoryHistory } from '../git/repo.js';

export type EngineChoice = 'auto' | 'local' | 'remote';

export interface GenerateOptions {
  files: FileDiff[];
  history: RepositoryHistory;
  config: Config;
  signal?: AbortSignal;
}

export interface GeneratedMessage {
  text: string;
  message: CommitMessage;
  engine: 'local' | 'remote';
}

/** A provider is configured when one is named, or a key or endpoint says which one to speak to. */
export function isRemoteConfigured(config: Config): boolean {
  return Boolean(config.provider);
}

export function resolveEngine(config: Config): 'local' | 'remote' {
  const choice: EngineChoice = config.engine;
  if (choice === 'remote' || (choice === 'auto' && isRemoteConfigured(config))) {
    throw new UserError('ENGINE_UNAVAILABLE', 'The remote engine is not available in this version of git-ai.', {
      hint: 'Use --engine local (the offline engine), or unset the provider with `git-ai config unset provider`.',
    });
  }
  return 'local';
}

export function generateWithLocalEngine(options: GenerateOptions): GeneratedMessage {
  const { files, history, config } = options;
  const fileHistory: Record<string, string[]> = {};
  for (const file of files.slice(0, 200)) {
    const subjects = history.byFile.get(file.path) ?? (file.oldPath ? history.byFile.get(file.oldPath) : undefined);
    if (subjects) fileHistory[file.path] = subjects;
  }
  const message = generateLocalMessage({
    files,
    history: history.subjects,
    fileHistory,
    maxLength: config.maxCommitLength,
    body: config.body,
  });
  return { message, engine: 'local', text: formatCommitMessage(message, { style: config.style, maxLength: config.maxCommitLength }) };
}

export async function generateCommitMessage(options: GenerateOptions): Promise<GeneratedMessage> {
  resolveEngine(options.config);
  return generateWithLocalEngine(options);
}
