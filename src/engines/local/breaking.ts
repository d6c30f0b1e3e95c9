// Whether the change breaks its users: exports removed or renamed in a public entry point, or code changed together
// with a migration guide (`migrate-to-9.0.0.md`, `MIGRATION.md`, `docs/migration/...`). (A major release note alone is
// not enough: pnpm writes major changesets for commits whose subjects carry no `!`.)

import type { FileChange } from './changes.js';
import { readChangesets } from './changeset.js';
import type { HistoryProfile } from './history.js';
import { DEPRECATION } from './line-evidence.js';

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

// A document whose own name, or a folder above it, starts with "migrat": a guide, not a note about migration code.
const MIGRATION_GUIDE = /(^|\/)migrat(e|ion|ing)[^/]*(\/.*)?$/i;

/** A migration guide is edited in the same change as the code it describes. */
export function updatesMigrationGuide(changes: FileChange[]): boolean {
  return (
    changes.some((change) => change.role === 'source') &&
    changes.some((change) => change.role === 'docs' && MIGRATION_GUIDE.test(change.file.path))
  );
}

/** Code marked deprecated is taken out (its mark goes, and no new one comes): the removal the deprecation announced. */
export function removesDeprecated(changes: FileChange[]): boolean {
  const source = changes.filter((change) => change.role === 'source');
  return (
    source.some((change) => change.removedLines.some((line) => DEPRECATION.test(line))) &&
    !source.some((change) => change.addedLines.some((line) => DEPRECATION.test(line)))
  );
}

/**
 * Breaking when the repository marks breaking changes at all (a `!` in its history) and public names go, a migration
 * guide says so, deprecated code is removed, or a release note tags the change `breaking` (covector's `patch:breaking`).
 */
export function isBreaking(changes: FileChange[], profile: HistoryProfile): boolean {
  if (!profile.headers.some((header) => header.breaking)) return false;
  return (
    removedPublicNames(changes).length > 0 ||
    updatesMigrationGuide(changes) ||
    removesDeprecated(changes) ||
    readChangesets(changes)?.breaking === true
  );
}
