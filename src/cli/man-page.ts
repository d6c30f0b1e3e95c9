// git-ai(1) in roff, from the same definitions as --help; the build writes it to dist/git-ai.1 (package.json `man`).
import { COMMANDS } from './definitions.js';
import { configKeyRows } from './help.js';

/** Text safe in roff: backslashes doubled, a leading dot or quote escaped, dashes as minus signs. */
function roff(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/`([^`]+)`/g, '\\fB$1\\fR');
}

const item = (term: string, text: string): string[] => ['.TP', `\\fB${roff(term)}\\fR`, roff(text)];

export function renderManPage(options: { version: string; date: string }): string {
  const lines = [
    `.TH GIT\\-AI 1 "${options.date}" "git-ai ${options.version}" "Git Manual"`,
    '.SH NAME',
    'git\\-ai \\- write commit messages from the staged changes',
    '.SH SYNOPSIS',
    ...COMMANDS.flatMap((command) => [`\\fBgit ai\\fR ${roff(command.usage)}`, '.br']),
    '.SH DESCRIPTION',
    roff(
      'git-ai writes a Conventional Commits message for the staged changes: offline out of the box (a built-in engine reads the diff and the repository history), or with OpenAI, an OpenAI-compatible server, Anthropic or Gemini when a provider is configured. It never blocks, breaks or loses a commit.',
    ),
    '.SH COMMANDS',
  ];
  for (const command of COMMANDS) {
    lines.push('.SS', `git ai ${roff(command.usage)}`, roff(`${command.summary}.`));
    for (const paragraph of command.details ?? []) lines.push('.PP', roff(paragraph));
    if (command.actions?.length) {
      lines.push('.PP', 'Actions:', '.RS');
      for (const action of command.actions)
        lines.push(...item(action.args ? `${action.name} ${action.args}` : action.name, action.description));
      lines.push('.RE');
    }
    if (command.options.length) {
      lines.push('.PP', 'Options:', '.RS');
      for (const option of command.options) lines.push(...item(option.flags, option.description));
      lines.push('.RE');
    }
    if (command.examples.length) {
      lines.push('.PP', 'Examples:', '.RS', '.nf', ...command.examples.map(roff), '.fi', '.RE');
    }
  }
  lines.push('.SH CONFIGURATION', roff('Keys for `git ai config set`, `git config ai.<key>` and GIT_AI_<KEY>:'));
  for (const [key, text] of configKeyRows()) lines.push(...item(key, text));
  lines.push(
    '.SH EXIT STATUS',
    roff('0 on success; 1 for an error or a cancelled commit; 2 for a usage error; 130 when interrupted (Ctrl-C).'),
    '.SH SEE ALSO',
    '\\fBgit\\-commit\\fR(1), \\fBgithooks\\fR(5)',
    '',
  );
  return lines.join('\n');
}
