// How this repository labels dependency updates (chore(deps), build(deps-dev), ...), learnt from its history.

import type { CommitHeader, CommitType } from '../message.js';
import type { DependencyChange } from './deps.js';
import { addTo, type HistoryProfile } from './history.js';

export interface DependencyConvention {
  type: CommitType;
  scope?: string;
  /** The repository writes "bump x from a to b" rather than "bump x to b". */
  mentionsFrom: boolean;
}

/** Scopes that name dependency updates rather than a part of the code. */
export const DEP_SCOPE = /^(deps?|dependencies|deps-dev|dev-deps|dependabot|renovate)$/i;
const DEP_SUBJECT =
  /^(bump|pin|downgrade)\b|^(update|upgrade)\b.*(\bfrom\b.*\bto\b|\bto\s+v?\^?~?\d|dependenc|\block\s*file|\bdeps\b)/i;
// Tooling that is a development dependency wherever it appears (types, linters, formatters, test runners, bundlers).
const DEV_TOOLING =
  /^(@types\/|@typescript-eslint\/|typescript$|eslint|@eslint\/|prettier|jest|ts-jest|@jest\/|vitest|@vitest\/|mocha|chai|sinon|jasmine|karma|ava$|nyc$|c8$|rollup|@rollup\/|webpack|vite$|@vitejs\/|esbuild|tsup$|tsx$|ts-node|lint-staged|husky|puppeteer|playwright|@playwright\/|cypress|@microsoft\/api-extractor|@changesets\/|semantic-release|pytest|black$|ruff$|mypy$|flake8|pylint|isort$|coverage$|rubocop|rspec)/;

export function isDependencyHeader(header: CommitHeader): boolean {
  return DEP_SCOPE.test(header.scope ?? '') || DEP_SUBJECT.test(header.subject);
}

export function findDependencyConvention(profile: HistoryProfile, changes: DependencyChange[]): DependencyConvention {
  const depHeaders = profile.headers.filter(isDependencyHeader);
  const fallback: DependencyConvention = { type: 'chore', scope: 'deps', mentionsFrom: false };
  if (depHeaders.length === 0)
    return profile.headers.length > 0 && !hasScopes(profile) ? { type: 'chore', mentionsFrom: false } : fallback;
  const mentionsFrom =
    depHeaders.filter((header) => /\bfrom\b.*\bto\b/.test(header.subject)).length * 2 > depHeaders.length;
  const byName = depHeaders.find((header) => changes.some((change) => mentionsName(header.subject, change.name)));
  if (byName) return withScope({ type: byName.type, mentionsFrom }, byName.scope);
  const votes = new Map<string, number>();
  depHeaders.forEach((header, index) =>
    addTo(votes, `${header.type}\u0000${header.scope ?? ''}`, 1 / (1 + index / 10)),
  );
  const ranked = [...votes.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key]) => key.split('\u0000') as [CommitType, string]);
  const [top] = ranked;
  if (!top) return fallback;
  const dev = isDevChange(changes);
  // Bots label runtime dependencies fix(deps) or <type>(deps) and development ones chore/build(deps-dev).
  const devFits = ([type, scope]: [CommitType, string]) =>
    type !== 'fix' && (/dev/i.test(scope) || !ranked.some(([, other]) => /dev/i.test(other)));
  const runtimeFits = ([type, scope]: [CommitType, string]) =>
    !/dev/i.test(scope) && (type === 'fix' || !ranked.some(([other]) => other === 'fix'));
  const matching = dev === undefined ? top : (ranked.find(dev ? devFits : runtimeFits) ?? top);
  return withScope({ type: matching[0], mentionsFrom }, matching[1]);
}

function withScope(convention: DependencyConvention, scope: string | undefined): DependencyConvention {
  return scope ? { ...convention, scope } : convention;
}

function hasScopes(profile: HistoryProfile): boolean {
  return profile.headers.filter((header) => header.scope).length * 3 >= profile.headers.length;
}

function mentionsName(subject: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[\\s\`'"])${escaped}($|[\\s\`'"@,])`).test(subject);
}

/** False when a runtime dependency changes, true when every change is a development one, else undefined. */
function isDevChange(changes: DependencyChange[]): boolean | undefined {
  if (changes.length === 0) return undefined;
  if (changes.some((change) => change.dev === false)) return false;
  const flags = changes.map((change) => change.dev ?? (DEV_TOOLING.test(change.name) ? true : undefined));
  return flags.every((flag) => flag === true) ? true : undefined;
}
