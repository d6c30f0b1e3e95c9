// The commands, their options, actions and examples: one source for argv parsing, `--help`, `git ai help` and git-ai(1).

export interface OptionDefinition {
  /** As cac reads it: `-n, --candidates <n>`, `--dry-run`, `--no-body`. */
  flags: string;
  description: string;
}

export interface ActionDefinition {
  name: string;
  /** Its arguments, e.g. `<key> <value>`. */
  args?: string;
  description: string;
}

export interface CommandDefinition {
  name: string;
  /** What follows the command name in its usage line. */
  usage: string;
  /** Its positional arguments as cac parses them: `<action> [key] [value]`, `[...paths]`. */
  argv: string;
  /** One line, for the command list. */
  summary: string;
  /** Paragraphs for `--help` and the man page. */
  details?: readonly string[];
  actions?: readonly ActionDefinition[];
  options: readonly OptionDefinition[];
  examples: readonly string[];
  /** Lists the config keys in its help (config). */
  listsConfigKeys?: boolean;
}

/** Config keys that are also flags of the generating commands: [cac's camelCase option, config key]. */
export const FLAG_KEYS = [
  ['engine', 'engine'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['baseUrl', 'base-url'],
  ['style', 'style'],
  ['language', 'language'],
  ['candidates', 'candidates'],
  ['maxCommitLength', 'max-commit-length'],
  ['maxTokens', 'max-tokens'],
  ['timeout', 'timeout'],
  ['ticket', 'ticket'],
] as const;

export const GENERATION_OPTIONS: readonly OptionDefinition[] = [
  {
    flags: '--engine <engine>',
    description: 'auto | local | remote (auto: the remote engine when a provider is configured)',
  },
  { flags: '--provider <provider>', description: 'openai | openai-compatible | anthropic | gemini' },
  { flags: '--model <model>', description: 'Model name for the remote engine' },
  { flags: '--base-url <url>', description: 'Endpoint of an OpenAI-compatible server' },
  { flags: '--style <style>', description: 'auto | conventional | plain | gitmoji' },
  { flags: '--language <language>', description: "Language of the remote engine's message, e.g. English, de" },
  { flags: '--max-commit-length <n>', description: 'Longest subject line allowed' },
  { flags: '--max-tokens <n>', description: 'Input token budget for the diff' },
  { flags: '--timeout <seconds>', description: 'Deadline for the whole generation' },
  { flags: '--ticket <mode>', description: "auto | off: the branch's ticket in the message (default: auto)" },
  { flags: '--no-body', description: 'Write the subject line only, without a body' },
  { flags: '--no-cache', description: 'Ask the provider again instead of reusing a cached answer' },
  { flags: '--debug', description: 'Print a timing tree of the generation to stderr' },
];

export const COMMANDS: readonly CommandDefinition[] = [
  {
    name: 'commit',
    argv: '[...paths]',
    usage: 'commit [options] [<paths>...] [-- <git commit args>]',
    summary: 'Write a commit message for the staged changes, then commit (asks first on a terminal)',
    details: [
      'On a terminal it shows the message and asks: commit, edit it in your editor, regenerate (a new request), regenerate with an instruction, pick from alternatives, or cancel. Cancel exits 1; Ctrl-C commits nothing and exits 130.',
      'Without a terminal and without --yes it prints the message, as --dry-run does. With paths it commits those paths, as `git commit <paths>` does, with a message written for them.',
    ],
    options: [
      { flags: '--dry-run', description: 'Print the message and commit nothing' },
      { flags: '-y, --yes', description: 'Commit without asking' },
      { flags: '-a, --all', description: 'Include changes to tracked files, as `git commit -a` does' },
      { flags: '-s, --signoff', description: 'Add a Signed-off-by trailer (also when format.signOff is set)' },
      { flags: '-n, --candidates <n>', description: 'Messages to write at once (remote engine), to pick from' },
      { flags: '--context <text>', description: 'An instruction for this message, e.g. "mention the migration"' },
      { flags: '--json', description: 'Print the message, candidates, engine, stage, warnings and timings as JSON' },
      ...GENERATION_OPTIONS,
    ],
    examples: [
      'git ai commit',
      'git ai commit --dry-run src/',
      'git ai commit -n 3 --context "mention the migration"',
      'git ai commit -y -- --no-verify',
    ],
  },
  {
    name: 'prompt',
    argv: '',
    usage: 'prompt [options]',
    summary: 'Print, as JSON, the exact requests that would be sent for the staged changes; sends nothing',
    options: [
      { flags: '-a, --all', description: 'Include changes to tracked files, as `git commit -a` does' },
      ...GENERATION_OPTIONS,
    ],
    examples: ['git ai prompt --model gpt-4o'],
  },
  {
    name: 'setup',
    argv: '',
    usage: 'setup',
    summary: 'Choose a provider, store its key, pick a model and try it (on a terminal)',
    details: ['Without a terminal it prints the `git ai config set` lines that do the same.'],
    options: [],
    examples: ['git ai setup'],
  },
  {
    name: 'config',
    argv: '<action> [key] [value]',
    usage: 'config <action> [<key>] [<value>]',
    summary: 'Read or change settings',
    details: [
      'Settings come from, lowest first: defaults, the user file (`git ai config path`), `git config ai.<key>`, the environment (GIT_AI_<KEY>), flags.',
    ],
    actions: [
      { name: 'get', args: '<key>', description: 'Print the value in effect' },
      { name: 'set', args: '<key> <value>', description: 'Write the value to the user file (mode 0600)' },
      { name: 'unset', args: '<key>', description: 'Remove the key from the user file' },
      { name: 'list', description: 'Every key, its value and where it came from (secrets masked)' },
      { name: 'path', description: 'Print the user file path' },
      { name: 'reset', description: 'Remove the user file' },
    ],
    options: [{ flags: '--show-secret', description: 'config get: print a secret unmasked' }],
    examples: ['git ai config set provider openai', 'git ai config set max-commit-length 60', 'git ai config list'],
    listsConfigKeys: true,
  },
  {
    name: 'hook',
    argv: '<action> [...args]',
    usage: 'hook <action> [options]',
    summary: 'Fill in the message of a plain `git commit` with a prepare-commit-msg hook',
    details: [
      'The hook starts no Node for `-m`, `-F`, templates, merges, squashes and amends. A hook it replaced (--force) runs after it, on its message. It never fails a commit: on any failure the offline engine writes the message, or the file is left as it was.',
    ],
    actions: [
      { name: 'install', description: 'Install the hook where git looks for it (husky 9: .husky/prepare-commit-msg)' },
      { name: 'reinstall', description: 'Install again, recording this node and CLI' },
      { name: 'uninstall', description: 'Remove it, restoring the hook it replaced' },
      { name: 'status', description: 'What is installed, where, what it starts and chains' },
      {
        name: 'run',
        args: '<file> [<source> [<sha>]]',
        description: 'What git calls; also for lefthook and pre-commit',
      },
    ],
    options: [
      {
        flags: '--force',
        description: 'Install over a prepare-commit-msg hook that is not ours; it is kept and runs after git-ai',
      },
      {
        flags: '--global',
        description: 'Allow a core.hooksPath set in the global git config (a hook there runs in every repository)',
      },
    ],
    examples: ['git ai hook install', 'git ai hook status'],
  },
  {
    name: 'lint',
    argv: '[file]',
    usage: 'lint [<file>]',
    summary: "Check a commit message (the hook's file, or stdin) against the repository's commitlint rules",
    options: [],
    examples: ['git ai lint .git/COMMIT_EDITMSG'],
  },
  {
    name: 'help',
    argv: '[command]',
    usage: 'help [<command>]',
    summary: 'Show the help of git-ai or of one command',
    options: [],
    examples: ['git ai help hook'],
  },
];

export function findCommand(name: string): CommandDefinition | undefined {
  return COMMANDS.find((command) => command.name === name);
}
