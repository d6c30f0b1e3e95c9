// Small wording helpers shared by subject and body: name lists that fit, file labels, version display.

import { baseName, fileStem } from './paths.js';

/** "a", "a and b", "a, b and c", or "a, b and 3 more" — the longest form that fits in room characters. */
export function joinNames(names: string[], room: number): string {
  const unique = [...new Set(names)];
  // Shown names take at least 3 characters each (one, and ", "), so larger counts cannot fit: thousands of
  // names (a change of a thousand files) are not joined thousands of times over.
  for (let count = Math.min(unique.length, Math.floor((room + 2) / 3)); count >= 1; count -= 1) {
    const shown = unique.slice(0, count);
    const rest = unique.length - count;
    const text = rest > 0 ? `${shown.join(', ')} and ${rest} more` : listText(shown);
    if (text.length <= room) return text;
  }
  return unique[0] ?? '';
}

function listText(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How a document is named in a subject: README, CONTRIBUTING, or its file name. */
export function docLabel(path: string): string {
  const stem = baseName(path).replace(/\.(md|mdx|markdown|rst|adoc|txt)$/i, '');
  if (/^[A-Z][A-Z0-9_-]+$/.test(stem)) return stem;
  if (/^(readme|contributing|changelog|license|security|code_of_conduct)$/i.test(stem)) return stem.toUpperCase();
  return baseName(path);
}

/** A name for the thing a test file tests: `foo.spec.ts` -> foo, `test_foo.py` -> foo. */
export function testSubject(path: string): string {
  return fileStem(path).replace(/^test_|_test$|_spec$|Tests?$/g, '') || fileStem(path);
}

export function displayVersion(version: string): string {
  return version.replace(/^[\^~=]+/, '').replace(/^workspace:/, '');
}

/** The deepest directory all paths share, '' when none. */
export function commonDirectory(paths: string[]): string {
  const split = paths.map((path) => path.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length += 1;
  return first.slice(0, length).join('/');
}

/** Labels for files in a subject: basenames when distinct, else paths. */
export function fileLabels(paths: string[]): string[] {
  const bases = paths.map(baseName);
  return new Set(bases).size === bases.length ? bases : paths;
}

const CONFIG_LABELS: [RegExp, string][] = [
  [/^tsconfig[\w.-]*\.json$/i, 'TypeScript config'],
  [/^(\.eslintrc[\w.-]*|eslint\.config\.[cm]?[jt]s)$/i, 'ESLint config'],
  [/^(\.prettierrc[\w.-]*|prettier\.config\.[cm]?[jt]s)$/i, 'Prettier config'],
  [/^(vite|vitest|rollup|webpack|tsup|jest|babel|playwright)\.config\.[\w.]+$/i, ''],
  [/^\.gitignore$/, 'ignored files'],
  [/^\.gitattributes$/, 'git attributes'],
  [/^\.editorconfig$/, 'editor config'],
  [/^package\.json$/, 'package manifest'],
  [/^Cargo\.toml$/, 'Cargo manifest'],
  [/^go\.mod$/, 'Go module'],
  [/^pyproject\.toml$/, 'project metadata'],
];

/** How an author names a file in a subject: its stem or what it configures, never a bare file name with extension. */
export function fileLabel(path: string): string {
  const base = baseName(path);
  for (const [pattern, label] of CONFIG_LABELS) {
    if (!pattern.test(base)) continue;
    if (label) return label;
    const tool = base.split('.')[0] ?? base;
    return `${tool.charAt(0).toUpperCase()}${tool.slice(1)} config`;
  }
  const stem = base.replace(/^\.+/, '').replace(/(\.[\w-]+)+$/, '');
  return stem || base;
}

/** `name` in backticks when the repository writes identifiers so, else as it is. */
export function codeName(name: string, backticks: boolean): string {
  return backticks && !/^`/.test(name) ? `\`${name}\`` : name;
}
