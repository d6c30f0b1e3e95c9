// Issue 10's "every request inside its window": one `git ai prompt` of a case measured at a small window, each
// request's token count as `prompt` reports it (the model's encoding) against the window less the reserved output.
import { execFile } from 'node:child_process';

interface ReportedRequest {
  stage: string;
  tokens: { messages: number[]; total: number; request: number };
}

interface PromptReport {
  encoding: string;
  countsExact: boolean;
  budget: { reservedOutput: number };
  requests: ReportedRequest[];
  fallback?: ReportedRequest;
}

/** One line: how many requests, the largest count both ways, the limit, PASS or FAIL. */
export async function checkRequestWindows(options: {
  cli: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  args: readonly string[];
  caseName: string;
  contextWindow: number;
}): Promise<string> {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [options.cli, ...options.args],
      { cwd: options.cwd, env: options.env, maxBuffer: 256 << 20 },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const report = JSON.parse(stdout) as PromptReport;
  const requests = [...report.requests, ...(report.fallback ? [report.fallback] : [])];
  const limit = options.contextWindow - report.budget.reservedOutput;
  // `total`: system and prompt in the model's encoding; `request`: what the fit counted (bytes far from the limit, an
  // upper bound, with the chat framing).
  const exact = Math.max(...requests.map((request) => request.tokens.total));
  const fitted = Math.max(...requests.map((request) => request.tokens.request));
  const stages = [...new Set(requests.map((request) => request.stage))].join(', ');
  const pass = Math.max(exact, fitted) <= limit && report.countsExact;
  return (
    `every request of the ${options.caseName} case within context-window ${options.contextWindow} less ${report.budget.reservedOutput} reserved (${limit}): ` +
    `${requests.length} requests (${stages}), largest ${exact} tokens by ${report.encoding}${report.countsExact ? '' : ' (estimated)'}, ${fitted} as the fit counted it — ${pass ? 'PASS' : 'FAIL'}`
  );
}
