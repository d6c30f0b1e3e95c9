// A provider answer that looks like a model's: analyses of the files it was shown, or the commit message, in the
// plain text the remote engine asks for each.
import type { NormalizedRequest, ResponderResult } from './provider-server.js';

/** Paths listed under "Files in this part:" in an analysis prompt, in the order of their numbers (1 first). */
export function filesOfAnalysisRequest(request: NormalizedRequest): string[] {
  const text = request.messages.map((message) => message.content).join('\n');
  const part = text.split('Files in this part:')[1] ?? '';
  return [...part.matchAll(/^\d+\. (\S+) \(/gm)].map((match) => match[1]!);
}

/** A part's analysis request: plain lines asked for, no schema. */
export function isAnalysisRequest(request: NormalizedRequest): boolean {
  return request.structured === undefined && request.system.startsWith('You analyse one part');
}

export interface AnalysisLine {
  /** The file's number in the part's list, or its path. */
  file: number | string;
  kind: string;
  /** 0 to 1, written on the prompt's 0-9 scale. */
  significance: number;
  summary: string;
  symbols?: string[];
}

/** An analysis answered as the prompt asks: `number | kind | significance | summary | symbols`, one line a file. */
export function analysisAnswer(lines: readonly AnalysisLine[]): ResponderResult {
  const text = lines
    .map((line) =>
      [line.file, line.kind, Math.round(line.significance * 9), line.summary, (line.symbols ?? []).join(', ')].join(
        ' | ',
      ),
    )
    .join('\n');
  return { text };
}

/** A request for the commit message (fast path, single-step, generate): plain text, with no schema or tool. */
export function isMessageRequest(request: NormalizedRequest | undefined): boolean {
  return (
    request !== undefined &&
    request.structured === undefined &&
    request.system.startsWith('You write the git commit message')
  );
}

/** The commit message answered in plain text; each completion of a request that asked for several a different one. */
export function commitResponder(options: { subject?: string } = {}) {
  return (request: NormalizedRequest): ResponderResult => {
    if (isAnalysisRequest(request)) {
      return analysisAnswer(
        filesOfAnalysisRequest(request).map((path, index) => ({
          file: index + 1,
          summary: `Adds the ${path.split('/').pop()} module`,
          kind: 'feat',
          significance: index === 0 ? 0.9 : 0.4,
        })),
      );
    }
    const subject = options.subject ?? 'add the widget registry';
    const messages = [`feat(widgets): ${subject}`, `feat: ${subject} and its loader`, 'chore: update files'];
    return { text: messages[request.choice % messages.length] };
  };
}
