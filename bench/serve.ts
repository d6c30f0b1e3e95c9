// `node --import tsx bench/serve.ts`: the e2e bench's latency-simulating provider on 127.0.0.1, left running, for
// profiling one CLI run by hand (`node --cpu-prof .bench-tmp/e2e/cli/cli.js commit --dry-run --debug`). It prints
// the environment that points git-ai at it.
import { startProviderServer } from '../test/support/provider-server.js';
import { LATENCY } from './e2e/cases.js';
import { createRealisticResponder } from './e2e/responder.js';

const responder = createRealisticResponder();
const server = await startProviderServer({ apiKey: 'x', respond: responder.respond, latency: LATENCY });
process.stdout.write(
  `export GIT_AI_PROVIDER=openai GIT_AI_BASE_URL=${server.baseUrls.openai} GIT_AI_API_KEY=x GIT_AI_MODEL=gpt-4o-mini\n`,
);
