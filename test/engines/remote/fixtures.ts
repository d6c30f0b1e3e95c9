// Hand-built PreparedDiffs, a config, and a responder that answers the pipeline's requests like a model would.
import type { ResolvedConfig } from '../../../src/config/schema.js';
import { parseConfig } from '../../../src/config/schema.js';
import type { FileEntry, PreparedChunk, PreparedDiff } from '../../../src/diff/prepared.js';
import type { CommitMessage } from '../../../src/engines/message.js';
import type { NormalizedRequest, ResponderResult } from '../../support/provider-server.js';
import { analysisAnswer, filesOfAnalysisRequest, isMessageRequest } from '../../support/commit-responder.js';

export function makeEntry(path: string, fields: Partial<FileEntry> = {}): FileEntry {
  return { path, status: 'modified', binary: false, additions: 10, deletions: 2, category: 'source', ...fields };
}

/** The symbol each fixture file "defines", so analyses and candidates can name it. */
export function symbolOf(path: string): string {
  const stem =
    path
      .split('/')
      .pop()
      ?.replace(/\.\w+$/, '') ?? 'x';
  return `run${stem.charAt(0).toUpperCase()}${stem.slice(1)}`;
}

function diffOf(file: FileEntry, salt: string): string {
  return [
    `diff --git a/${file.path} b/${file.path}`,
    `--- a/${file.path}`,
    `+++ b/${file.path}`,
    '@@ -1,2 +1,3 @@',
    ` import { base } from './base.js';`,
    `+export function ${symbolOf(file.path)}() { return base('${salt}'); }`,
  ].join('\n');
}

/** Files grouped `perChunk` to a chunk; `salt` changes one chunk's text (by index) to simulate an edit. */
export function makePrepared(options: {
  files: FileEntry[];
  perChunk?: number;
  used?: number;
  salt?: Record<number, string>;
}): PreparedDiff {
  const { files, perChunk = 2 } = options;
  const chunks: PreparedChunk[] = [];
  for (let start = 0; start < files.length; start += perChunk) {
    const id = chunks.length;
    const group = files.slice(start, start + perChunk);
    const text = `${group.map((file) => diffOf(file, options.salt?.[id] ?? 'v1')).join('\n')}\n`;
    chunks.push({
      id,
      files: group,
      text,
      tokens: Math.ceil(text.length / 4),
      allocation: 1000,
      truncated: false,
      omittedLines: 0,
    });
  }
  const listing = files.map((file) => `M ${file.path} (+${file.additions} -${file.deletions})`).join('\n');
  const used = options.used ?? chunks.reduce((sum, chunk) => sum + chunk.tokens, 0);
  return {
    files,
    chunks,
    listing,
    listingTokens: Math.ceil(listing.length / 4),
    encoding: 'o200k_base',
    budget: { total: 8000, listing: 200, content: 7800, used },
  };
}

/** Two files: the fast path. */
export function smallChange(): PreparedDiff {
  return makePrepared({ files: [makeEntry('src/parser.ts'), makeEntry('test/parser.test.ts', { category: 'test' })] });
}

/** `count` source files in chunks of two, over the fast-path token limit: multi-step. */
export function largeChange(count = 6, salt?: Record<number, string>): PreparedDiff {
  const files = Array.from({ length: count }, (_, index) =>
    makeEntry(`src/mod${index}/part${index}.ts`, { additions: 40 + index }),
  );
  return makePrepared({ files, perChunk: 2, used: 6000, salt });
}

export function makeConfig(overrides: Record<string, unknown> = {}): ResolvedConfig {
  // multiStepMinFiles 0: the small fixtures exercise multi-step, which real changes reach from 250 files.
  const config = parseConfig({
    provider: 'openai-compatible',
    model: 'test-model',
    timeout: 20,
    multiStepMinFiles: 0,
    body: true,
    ...overrides,
  });
  return { ...config, body: config.body !== false, style: config.style === 'auto' ? 'conventional' : config.style };
}

export const LOCAL_MESSAGE: CommitMessage = { type: 'chore', subject: 'update files offline', breaking: false };

/** Whether the request asks for the message (generate, single-step, fast path) rather than a chunk analysis. */
export const isGenerateRequest = isMessageRequest;

export function isAnalysisRequest(request: NormalizedRequest | undefined): boolean {
  return request !== undefined && !isGenerateRequest(request);
}

/**
 * Analyses for the files in the request's diff; the message in plain text, naming the first file's module (further
 * completions, when several are asked for, are weaker: a vague header, then two glued ones).
 */
export function respondLikeModel(request: NormalizedRequest): ResponderResult {
  const text = request.messages.map((message) => message.content).join('\n');
  if (isGenerateRequest(request)) {
    const first = /^\d+\. (\S+)|^diff --git a\/(\S+)/m.exec(text);
    const path = first?.[1] ?? first?.[2] ?? 'src/unknown.ts';
    const module = path.split('/').slice(-2, -1)[0] ?? 'core';
    const messages = [
      `feat(${module}): add ${symbolOf(path)} to ${module}\n\nAdds the entry point.`,
      'chore: Updated some files.\n\nAdds the entry point.',
      'feat: add things\nfix: other things',
    ];
    return { text: messages[request.choice % messages.length] };
  }
  const shown = new Set([...text.matchAll(/^diff --git a\/(\S+) b\//gm)].map((match) => match[1] ?? ''));
  const lines = filesOfAnalysisRequest(request).flatMap((path, index) =>
    shown.has(path) ? [{ path, number: index + 1 }] : [],
  );
  return analysisAnswer(
    lines.map(({ path, number }, index) => ({
      file: number,
      summary: `adds ${symbolOf(path)}`,
      kind: 'feat',
      significance: 0.9 - index * 0.1,
      symbols: [symbolOf(path)],
    })),
  );
}
