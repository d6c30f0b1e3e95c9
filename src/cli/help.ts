// `--help` and `git ai help [command]`, rendered from the definitions; the man page (man-page.ts) reads the same ones.
import { CONFIG_KEYS, metaOf } from '../config/keys.js';
import { COMMANDS, type CommandDefinition, type OptionDefinition } from './definitions.js';

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - text.length));

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows.map(
    ([left, right]) => `  ${left.length + 2 > width ? `${left}\n  ${' '.repeat(width)}` : pad(left, width)}${right}`,
  );
}

const optionRows = (options: readonly OptionDefinition[]) =>
  options.map((option) => [option.flags, option.description] as const);

/** Every config key with its type, for `config --help` and the man page. */
export function configKeyRows(): Array<readonly [string, string]> {
  return CONFIG_KEYS.map(
    (key) => [key, `${metaOf(key).type.replaceAll('`', '')}: ${metaOf(key).description}`] as const,
  );
}

export function renderMainHelp(version: string): string {
  return [
    `git-ai ${version}: writes your commit messages from the staged changes (offline by default, any LLM provider when configured).`,
    '',
    'Usage: git ai <command> [options]',
    '',
    'Commands:',
    ...table(COMMANDS.map((command) => [command.name, command.summary] as const)),
    '',
    "Run `git ai help <command>` or `git ai <command> --help` for a command's options; `man git-ai` for all of it.",
    'Options: -h, --help (this text), -v, --version',
    '',
  ].join('\n');
}

export function renderCommandHelp(command: CommandDefinition): string {
  const lines = [`Usage: git ai ${command.usage}`, '', command.summary + '.'];
  for (const paragraph of command.details ?? []) lines.push('', paragraph);
  if (command.actions?.length) {
    lines.push(
      '',
      'Actions:',
      ...table(
        command.actions.map(
          (action) => [action.args ? `${action.name} ${action.args}` : action.name, action.description] as const,
        ),
      ),
    );
  }
  lines.push('', 'Options:', ...table([...optionRows(command.options), ['-h, --help', 'Show this help']]));
  if (command.listsConfigKeys)
    lines.push('', 'Keys (also GIT_AI_<KEY> and `git config ai.<key>`):', ...table(configKeyRows()));
  if (command.examples.length) lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  return `${lines.join('\n')}\n`;
}
