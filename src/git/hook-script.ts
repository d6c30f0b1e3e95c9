// The installed prepare-commit-msg script: rendered from a launcher, and read back (which node and CLI it starts).
export const HOOK_NAME = 'prepare-commit-msg';
export const HOOK_MARKER = '# git-ai prepare-commit-msg hook';
export const BACKUP_NAME = `${HOOK_NAME}.git-ai-backup`;

/** How the hook starts git-ai: this node and this CLI script (links are resolved at install), so PATH is not needed. */
export interface Launcher {
  node: string;
  script: string;
}

/** The sources git passes as $2 when the message is already given: -m/-F, -t/commit.template, merges, squashes, --amend/-c/-C. */
export const SOURCES_WITH_MESSAGE = ['message', 'template', 'merge', 'squash', 'commit'] as const;

export function isGitAiHook(text: string): boolean {
  return text.split('\n').some((line) => line.trim() === HOOK_MARKER);
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The inverse of shellQuote for one `name='...'` line of the script. */
function readQuoted(text: string, name: string): string | undefined {
  const line = text
    .split('\n')
    .map((candidate) => candidate.trimStart())
    .find((candidate) => candidate.startsWith(`${name}='`));
  if (line === undefined) return undefined;
  return line
    .slice(name.length + 1)
    .split(`'\\''`)
    .map((part, index, parts) => part.slice(index === 0 ? 1 : 0, index === parts.length - 1 ? -1 : undefined))
    .join("'");
}

/** The node and CLI an installed git-ai hook starts, when the script records them. */
export function readLauncher(text: string): Launcher | undefined {
  const node = readQuoted(text, 'node');
  const script = readQuoted(text, 'cli');
  return node !== undefined && script !== undefined ? { node, script } : undefined;
}

/**
 * The script. For the sources in SOURCES_WITH_MESSAGE it starts no Node at all (a `git commit -m` costs what a hook
 * of `exit 0` costs). A chained hook runs last, on the message git-ai wrote, and its exit status decides the commit;
 * git-ai's own part never fails one. `sh -e` (husky) is fine: every command that may fail is guarded.
 */
export function renderHookScript(options: {
  launcher: Launcher;
  /** husky runs its scripts with `sh -e`, executable or not. */ husky?: boolean;
}): string {
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Fills in the message of a plain `git commit`; never fails the commit. Show it with `git-ai hook status`.',
    `case "\${2-}" in ${SOURCES_WITH_MESSAGE.join('|')}) ;; *)`,
    // Node 20 parses NODE_EXTRA_CA_CERTS's bundle at start-up (~90 ms): git-ai gets it under another name, puts it back
    // for what it starts and reads it itself if it connects (src/providers/extra-ca.ts).
    '  run_git_ai() {',
    '    if [ -n "${NODE_EXTRA_CA_CERTS-}" ]; then',
    '      (GIT_AI_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export GIT_AI_NODE_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; exec "$@")',
    '    else "$@"; fi',
    '  }',
    `  node=${shellQuote(options.launcher.node)}`,
    `  cli=${shellQuote(options.launcher.script)}`,
    '  if [ -x "$node" ] && [ -f "$cli" ]; then',
    '    run_git_ai "$node" "$cli" hook run "$@" || :',
    '  elif command -v git-ai >/dev/null 2>&1; then',
    '    run_git_ai git-ai hook run "$@" || :',
    '  elif [ ! -x "$node" ]; then',
    `    echo "git-ai: the node this hook was installed with ($node) is missing and git-ai is not on PATH; the message was left as it was (run \\\`git-ai hook reinstall\\\`)." >&2`,
    '  else',
    `    echo "git-ai: not found at $cli nor on PATH; the message was left as it was (run \\\`git-ai hook reinstall\\\`)." >&2`,
    '  fi',
    ';; esac',
    `chained="\${0%/*}/${BACKUP_NAME}"`,
    ...(options.husky
      ? ['if [ -f "$chained" ]; then exec sh -e "$chained" "$@"; fi']
      : ['if [ -x "$chained" ]; then exec "$chained" "$@"; fi']),
    'exit 0',
    '',
  ].join('\n');
}
