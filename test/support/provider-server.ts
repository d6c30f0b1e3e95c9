// A real HTTP server on 127.0.0.1 that speaks the OpenAI, Anthropic and Gemini wire protocols, with latency and faults.

export { startProviderServer } from './provider-server/server.js';
export { createSchemaInstance } from './provider-server/schema-instance.js';
export { askForAnalysis, useProviderServer } from './provider-server/fixture.js';
export type {
  FaultRule,
  LatencyModel,
  NormalizedMessage,
  NormalizedRequest,
  ProviderName,
  ProviderServer,
  ProviderServerOptions,
  RecordedRequest,
  Responder,
  ResponderResult,
  StructuredRequest,
} from './provider-server/types.js';
