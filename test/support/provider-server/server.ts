// Starts the fake provider server on 127.0.0.1 (a free port) and exposes its records.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultQueue } from './faults.js';
import type { ServerState } from './handle.js';
import { handleRequest } from './handle.js';
import type { ProviderServer, ProviderServerOptions } from './types.js';

export async function startProviderServer(options: ProviderServerOptions = {}): Promise<ProviderServer> {
  const state: ServerState = {
    options,
    faults: createFaultQueue(options.faults),
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
  };
  const server = createServer((req, res) => void handleRequest(req, res, state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: `${url}/v1`, gemini: `${url}/v1beta` },
    requests: state.requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    addFault: (rule) => state.faults.add(rule),
    reset() {
      state.requests.length = 0;
      state.maxInFlight = state.inFlight;
      state.faults.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
