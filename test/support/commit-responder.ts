// A provider answer that looks like a model's: analyses of the files it was shown (JSON), or the commit message in
// plain text, as the remote engine asks for each.
import type { NormalizedRequest, ResponderResult } from './provider-server.js';

function schemaProperties(request: NormalizedRequest): Record<string, unknown> {
  const schema = request.structured?.schema as { properties?: Record<string, unknown> } | undefined;
  return schema?.properties ?? {};
}

/** Paths listed under "Files in this part:" in an analysis prompt. */
export function filesOfAnalysisRequest(request: NormalizedRequest): string[] {
  const text = request.messages.map((message) => message.content).join('\n');
  const part = text.split('Files in this part:')[1] ?? '';
  return [...part.matchAll(/^- (\S+) \(/gm)].map((match) => match[1]!);
}

export function isAnalysisRequest(request: NormalizedRequest): boolean {
  return 'files' in schemaProperties(request);
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
      const files = filesOfAnalysisRequest(request).map((path, index) => ({
        path,
        summary: `Adds the ${path.split('/').pop()} module.`,
        kind: 'feat',
        significance: index === 0 ? 0.9 : 0.4,
        symbols: [],
      }));
      return { object: { files } };
    }
    const subject = options.subject ?? 'add the widget registry';
    const messages = [`feat(widgets): ${subject}`, `feat: ${subject} and its loader`, 'chore: update files'];
    return { text: messages[request.choice % messages.length] };
  };
}
