// A command's argv, read by node:util parseArgs from its definition: options, positionals shaped by `argv`
// (`<action> [key] [...paths]`), and what follows `--` (for git commit). Unknown options are usage errors.
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import type { CommandDefinition } from './definitions.js';

export interface ParsedCommandLine {
  /** One entry per argv slot; a variadic slot is an array. */
  positional: Array<string | string[] | undefined>;
  /** camelCase option names: `dryRun`, `maxTokens`, `noBody`; `--` holds the arguments after it. */
  options: Record<string, unknown>;
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function configOf(command: CommandDefinition): NonNullable<ParseArgsOptions> {
  const config: NonNullable<ParseArgsOptions> = {};
  for (const option of command.options) {
    const long = /--([a-z][a-z-]*)/.exec(option.flags)?.[1];
    if (!long) continue;
    const short = /^-(\w),/.exec(option.flags)?.[1];
    config[long] = { type: /[<[]/.test(option.flags) ? 'string' : 'boolean', ...(short ? { short } : {}) };
  }
  return config;
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function usage(command: CommandDefinition, message: string): UserError {
  return new UserError('USAGE', message, { hint: `See \`git ai ${command.name} --help\`.`, exitCode: 2 });
}

export function parseCommandLine(command: CommandDefinition, args: readonly string[]): ParsedCommandLine {
  const end = args.indexOf('--');
  const head = end === -1 ? [...args] : args.slice(0, end);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: head, options: configOf(command), allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const named = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw usage(command, `Unknown option \`${named ?? '?'}\` for \`git ai ${command.name}\`.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw usage(command, `Option \`${named ?? '?'}\` needs a value.`);
    throw usage(command, (error as Error).message.split('\n')[0] ?? 'Bad arguments.');
  }
  const options: Record<string, unknown> = { '--': end === -1 ? [] : args.slice(end + 1) };
  for (const [name, value] of Object.entries(parsed.values)) options[camel(name)] = value;
  const slots = command.argv.split(' ').filter(Boolean);
  const values = [...parsed.positionals];
  const positional: ParsedCommandLine['positional'] = slots.map((slot) => {
    if (slot.includes('...')) return values.splice(0);
    const value = values.shift();
    if (value === undefined && slot.startsWith('<')) throw usage(command, `Missing ${slot}.`);
    return value;
  });
  if (values.length > 0) throw usage(command, `Unexpected argument '${values[0]}'.`);
  return { positional, options };
}
