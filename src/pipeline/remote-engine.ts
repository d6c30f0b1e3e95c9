// The remote engine's modules as one dynamic import (generate.ts's startRemote): each import() is an entry point of
// the bundle's code splitting, and as three (budgeting, chain, cache) they split into more chunks, each one more
// module for Node to resolve, read and link before the first request.
export { prepareStagedDiff, resolveModelName, resolveProvider } from '../engines/remote/request-budget.js';
export { generateWithFallback } from '../engines/remote/chain.js';
export { disabledCache, openCache } from '../cache/disk-cache.js';
