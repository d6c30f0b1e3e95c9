// Whether the change breaks its users: exports removed or renamed in a public entry point. (A major release note alone
// is not enough: pnpm writes major changesets for commits whose subjects carry no `!`.)

import type { FileChange } from './changes.js';
import type { HistoryProfile } from './history.js';

// A package's entry file: index.* at its root or in its src/, lib.rs, mod.rs at the top of src/, __init__.py of a package.
const ENTRY =
  /^(?:(?:packages|libs|crates)\/[^/]+\/)?(?:src\/|lib\/)?(?:index\.[cm]?[jt]sx?|lib\.rs|main\.rs|mod\.rs|__init__\.py)$|^(?:packages|libs)\/[^/]+\/index\.[cm]?[jt]s$|^[\w-]+\/__init__\.py$/;

export function isPublicEntry(path: string): boolean {
  return ENTRY.test(path);
}

/** Names a public entry point no longer exports; empty when nothing public is removed. */
export function removedPublicNames(changes: FileChange[]): string[] {
  return changes
    .filter((change) => change.role === 'source' && change.file.status !== 'added' && isPublicEntry(change.file.path))
    .flatMap((change) => [
      ...change.removed.filter((symbol) => symbol.exported).map((symbol) => symbol.name),
      ...change.unexported,
    ]);
}

/** Breaking when the repository marks breaking changes at all (a `!` in its history) and public names go. */
export function isBreaking(changes: FileChange[], profile: HistoryProfile): boolean {
  return profile.headers.some((header) => header.breaking) && removedPublicNames(changes).length > 0;
}
