// Dependency version changes read from manifest lines (package.json, Cargo.toml, go.mod, ...) and lockfile entries.

import type { FileChange } from './changes.js';

export interface DependencyChange {
  name: string;
  from?: string;
  to?: string;
  /** Declared under a dev-dependencies section, when the diff shows which section. */
  dev?: boolean;
}

export interface DependencyFacts {
  /** Direct changes from manifests when there are any, else what the lockfiles show. */
  changes: DependencyChange[];
  /** Every changed manifest line is a dependency line and every other changed file is a lockfile or manifest. */
  onlyDependencies: boolean;
}

const RANGE =
  /^(?:[\^~]|[<>]=?|=)?\s*v?\d[\w.+-]*(?:\s.*)?$|^(?:workspace|catalog|npm|file|link|github|git\+\w+):|^(?:latest|next|\*)$/;
const MANIFEST_LINE: RegExp[] = [
  /^\s*"(?<name>[@\w./-]+)"\s*:\s*"(?<version>[^"]+)",?\s*$/,
  /^\s*(?<name>[\w.-]+)\s*=\s*(?:"(?<version>[^"]+)"|\{.*?version\s*=\s*"(?<v2>[^"]+)".*\})\s*$/,
  /^\s*['"]?(?<name>[A-Za-z][\w.-]*(?:\[[\w,]+\])?)\s*(?<version>(?:==|>=|~=|<=|!=|>|<)\s*[\w.*]+(?:\s*,\s*[<>=!~]+\s*[\w.*]+)*)['",]*\s*$/,
  /^\s*(?:require\s+)?(?<name>[\w.-]+\.[\w./-]+)\s+(?<version>v\d[\w.+-]*)(?:\s*\/\/.*)?$/,
  /^\s*gem\s+['"](?<name>[\w.-]+)['"]\s*,\s*['"](?<version>[^'"]+)['"]/,
  /^\s{2,}['"]?(?<name>@?[\w./-]+)['"]?\s*:\s*['"]?(?<version>[\^~]?\d[\w.+-]*)['"]?\s*$/,
];
const NOT_DEPENDENCIES = new Set([
  'version',
  'name',
  'description',
  'main',
  'module',
  'types',
  'license',
  'edition',
  'rust-version',
  'python_requires',
  'requires-python',
]);
const LOCK_ENTRY: RegExp[] = [
  /^"?(?<name>@?[^@\s"]+)@[^:]*:\s*$/,
  /^\s*['"]?\/?(?<name>@?[\w.-]+(?:\/[\w.-]+)?)@(?<version>\d[\w.+-]*)(?:\(.*\))?['"]?:/,
  /^\s*"(?:node_modules\/)+(?<name>@?[\w.-]+(?:\/[\w.-]+)?)"\s*:\s*\{/,
  /^\s*name\s*=\s*"(?<name>[\w.-]+)"/,
  /^(?<name>[\w.-]+\.[\w./-]+)\s+(?<version>v\d[\w.+-]*?)(?:\/go\.mod)?\s+h1:/,
];
const LOCK_VERSION = /^\s*"?version"?\s*[:=]?\s*"?(?<version>\d[\w.+-]*)"?,?\s*$/;

// A workflow step's action reference: `uses: owner/action@v4` (a trailing `# v4.1.0` comment names a pinned digest).
const ACTION = /^\s*-?\s*uses:\s*['"]?(?<name>[\w.-]+\/[\w./-]+)@(?<version>[\w.-]+)['"]?\s*(?:#\s*(?<tag>\S+))?\s*$/;

export function findDependencyChanges(changes: FileChange[]): DependencyFacts {
  const manifests = changes.filter((change) => change.role === 'manifest');
  const lockfiles = changes.filter((change) => change.role === 'lockfile');
  const workflows = changes.filter((change) => change.role === 'ci');
  const wholes = new Map(manifests.map((change) => [change, readWholeManifest(change)]));
  const direct = [
    ...manifests.flatMap((change) => wholes.get(change)?.changes ?? readManifest(change)),
    ...workflows.flatMap(readActions),
  ];
  const fromLocks = lockfiles.flatMap(readLockfile);
  const onlyDependencyLines = (change: FileChange, parse: (line: string) => unknown) =>
    [...change.addedLines, ...change.removedLines].every(
      (line) => !line.trim() || /^\s*[{}[\],]*\s*$/.test(line) || parse(line) !== undefined,
    );
  const onlyDependencies =
    changes.length > 0 &&
    changes.every(
      (change) =>
        change.role === 'lockfile' ||
        (change.role === 'manifest' &&
          (wholes.get(change)?.onlyDependencies ?? onlyDependencyLines(change, parseManifestLine))) ||
        (change.role === 'ci' &&
          change.file.status === 'modified' &&
          onlyDependencyLines(change, (line) => ACTION.exec(line) ?? undefined)),
    ) &&
    (direct.length > 0 || fromLocks.length > 0 || lockfiles.length > 0);
  return { changes: direct.length > 0 ? direct : fromLocks, onlyDependencies };
}

function readActions(change: FileChange): DependencyChange[] {
  const found = new Map<string, DependencyChange>();
  const note = (line: string, side: 'from' | 'to') => {
    const groups = ACTION.exec(line)?.groups;
    if (!groups?.name || !groups.version) return;
    const entry = found.get(groups.name) ?? { name: groups.name, dev: true };
    const version = groups.tag ?? (/^[0-9a-f]{40}$/.test(groups.version) ? groups.version.slice(0, 7) : groups.version);
    entry[side] = version;
    found.set(groups.name, entry);
  };
  change.removedLines.forEach((line) => note(line, 'from'));
  change.addedLines.forEach((line) => note(line, 'to'));
  return [...found.values()].filter((entry) => entry.from !== entry.to);
}

function parseManifestLine(line: string): { name: string; version: string } | undefined {
  for (const pattern of MANIFEST_LINE) {
    const groups = pattern.exec(line)?.groups;
    const name = groups?.name;
    const version = (groups?.version ?? groups?.v2)?.trim();
    if (name && version && !NOT_DEPENDENCIES.has(name) && (RANGE.test(version) || /^[<>=!~]/.test(version)))
      return { name, version };
  }
  if (/^\s*"packageManager"\s*:/.test(line)) {
    const match = /"(?<name>[\w-]+)@(?<version>[\w.+-]+)"/.exec(line);
    if (match?.groups?.name && match.groups.version) return { name: match.groups.name, version: match.groups.version };
  }
  return undefined;
}

function readManifest(change: FileChange): DependencyChange[] {
  const found = new Map<string, DependencyChange>();
  for (const hunk of change.file.hunks) {
    let dev: boolean | undefined;
    for (const line of hunk.lines) {
      const text = line.slice(1);
      if (/dev-?dependencies|\[(?:tool\.poetry\.)?(?:group\.)?dev/i.test(text)) dev = true;
      else if (/"?(?:peer|optional)?[dD]ependencies"?\s*[:=]|^\[(?:.*\.)?dependencies\]/.test(text)) dev = false;
      if (line[0] !== '+' && line[0] !== '-') continue;
      const parsed = parseManifestLine(text);
      if (!parsed) continue;
      const entry = found.get(parsed.name) ?? { name: parsed.name };
      if (line[0] === '-') entry.from = parsed.version;
      else entry.to = parsed.version;
      if (dev !== undefined) entry.dev = dev;
      found.set(parsed.name, entry);
    }
  }
  return [...found.values()].filter((entry) => entry.from !== entry.to);
}

const JSON_SECTIONS: Record<string, boolean> = {
  dependencies: false,
  devDependencies: true,
  peerDependencies: false,
  optionalDependencies: false,
};
/** Above this a rewritten manifest is not parsed whole; its lines are read one by one. */
const WHOLE_MANIFEST_UNITS = 256 * 1024;

/**
 * A package.json rewritten whole (reformatted, or written on one line) has no line per dependency to read: its old
 * and new text are the removed and the added lines, parsed as JSON and compared section by section. Undefined
 * when either side is not a whole JSON object, so the line reading stands.
 */
function readWholeManifest(change: FileChange): { changes: DependencyChange[]; onlyDependencies: boolean } | undefined {
  if (!/(?:^|\/)package\.json$/.test(change.file.path)) return undefined;
  const [before, after] = [change.removedLines, change.addedLines].map(parseObject);
  if (!before || !after) return undefined;
  const changes: DependencyChange[] = [];
  for (const [section, dev] of Object.entries(JSON_SECTIONS)) {
    const from = versionsOf(before[section]);
    const to = versionsOf(after[section]);
    for (const name of new Set([...from.keys(), ...to.keys()])) {
      const entry: DependencyChange = { name, from: from.get(name), to: to.get(name), dev };
      if (entry.from !== entry.to) changes.push(entry);
    }
  }
  const [usedBefore, usedAfter] = [before, after].map((object) =>
    typeof object.packageManager === 'string'
      ? /^(?<name>[\w-]+)@(?<version>[\w.+-]+)/.exec(object.packageManager)
      : null,
  );
  const manager = usedAfter?.groups?.name ?? usedBefore?.groups?.name;
  if (manager && usedBefore?.groups?.version !== usedAfter?.groups?.version)
    changes.push({ name: manager, from: usedBefore?.groups?.version, to: usedAfter?.groups?.version });
  const rest = (object: Record<string, unknown>) =>
    JSON.stringify(Object.entries(object).filter(([key]) => !(key in JSON_SECTIONS) && key !== 'packageManager'));
  return { changes, onlyDependencies: rest(before) === rest(after) };
}

function parseObject(lines: string[]): Record<string, unknown> | undefined {
  const text = lines.join('\n');
  if (text.length > WHOLE_MANIFEST_UNITS || !text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function versionsOf(section: unknown): Map<string, string> {
  if (section === null || typeof section !== 'object') return new Map();
  return new Map(
    Object.entries(section).flatMap(([name, version]) => (typeof version === 'string' ? [[name, version]] : [])),
  );
}

function readLockfile(change: FileChange): DependencyChange[] {
  const found = new Map<string, DependencyChange>();
  const note = (name: string, sign: string | undefined, version: string) => {
    const entry = found.get(name) ?? { name };
    if (sign === '-') entry.from ??= version;
    else entry.to = version;
    found.set(name, entry);
  };
  for (const hunk of change.file.hunks) {
    let current: string | undefined;
    for (const line of hunk.lines) {
      const sign = line[0];
      const text = line.slice(1);
      const entry = LOCK_ENTRY.map((pattern) => pattern.exec(text)?.groups).find((groups) => groups?.name);
      if (entry?.name) {
        current = entry.name;
        if (entry.version && (sign === '+' || sign === '-')) note(entry.name, sign, entry.version);
        continue;
      }
      const version = LOCK_VERSION.exec(text)?.groups?.version;
      if (version && current && (sign === '+' || sign === '-')) note(current, sign, version);
    }
  }
  return [...found.values()].filter((entry) => entry.from !== entry.to);
}
