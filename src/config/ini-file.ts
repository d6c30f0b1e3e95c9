// The INI config file: read and check it, edit one section line by line (so comments and other sections survive), write it atomically.
import { randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decode, safe, unsafe } from 'ini';
import { UserError, toFileAccessError } from '../errors.js';
import { makeDirs } from '../fs/make-dirs.js';

export interface IniEntry {
  name: string;
  value: string;
}

interface IniLine {
  text: string;
  eol: string;
  section: string | null;
  entry?: IniEntry;
}

// The same two patterns the `ini` package parses with, so reading, editing and `ini.decode` agree.
const SECTION = /^\[([^\]]*)\]\s*$/;
const ENTRY = /^([^=]+)(=(.*))?$/;
const SKIPPED = /^\s*([;#]|$)/;

function corrupt(path: string, problem: string): UserError {
  return new UserError('CONFIG_INVALID', `Config file ${path} is not valid INI: ${problem}.`, {
    hint: 'Fix the file by hand, or run `git-ai config reset` to remove it and start from the defaults.',
  });
}

function scanIni(text: string, path: string): IniLine[] {
  const parts = text.split(/(\r\n|\n|\r)/);
  const lines: IniLine[] = [];
  let section: string | null = null;
  for (let index = 0; index < parts.length; index += 2) {
    const line = parts[index] ?? '';
    const eol = parts[index + 1] ?? '';
    if (line === '' && eol === '') continue;
    const header = SKIPPED.test(line) ? null : SECTION.exec(line);
    if (header) section = unsafe(header[1] ?? '');
    if (SKIPPED.test(line) || header) {
      lines.push({ text: line, eol, section });
      continue;
    }
    const match = ENTRY.exec(line);
    const name = unsafe(match?.[1] ?? '');
    if (!match || name === '' || name.startsWith('[')) {
      throw corrupt(path, `line ${index / 2 + 1} is neither a [section] nor a key = value pair`);
    }
    const value = match[2] === undefined ? 'true' : unsafe(match[3] ?? '');
    lines.push({ text: line, eol, section, entry: { name, value } });
  }
  return lines;
}

/** The file's text, or undefined when it does not exist; a corrupt file is a CONFIG_INVALID error naming it. */
export async function readIniFile(path: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw (
      toFileAccessError(error, `read the config file ${path}`) ??
      new UserError('CONFIG_INVALID', `Cannot read config file ${path}: ${(error as Error).message}.`, { cause: error })
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw corrupt(path, 'it is not UTF-8 text');
  }
  if (text.includes('\0')) throw corrupt(path, 'it contains binary data');
  scanIni(text, path);
  return text;
}

/** The key = value entries of one section, in file order (later lines win, as in `ini`). */
export function readIniSection(text: string, section: string, path: string): IniEntry[] {
  return scanIni(text, path).flatMap((line) => (line.section === section && line.entry ? [line.entry] : []));
}

// `ini.safe` escapes ; and # but cannot round-trip every backslash; JSON quoting always can.
function encodeValue(value: string): string {
  const encoded = safe(value);
  return unsafe(encoded) === value ? encoded : JSON.stringify(value);
}

export interface IniEdit {
  section: string;
  /** Which existing entries are this key (spelling variants and aliases included). */
  matches: (name: string) => boolean;
  /** The entry to write in place of the first match; omitted to remove every match. */
  entry?: { name: string; value: string };
}

/** `text` with the edit applied; every other line is kept byte for byte. */
export function editIniText(text: string, edit: IniEdit, path: string): string {
  const lines = scanIni(text, path);
  const eol = lines.find((line) => line.eol !== '')?.eol ?? '\n';
  const written = edit.entry && `${edit.entry.name} = ${encodeValue(edit.entry.value)}`;
  let replaced = false;
  const kept = lines.flatMap((line): IniLine[] => {
    if (line.section !== edit.section || !line.entry || !edit.matches(line.entry.name)) return [line];
    if (written === undefined || replaced) return [];
    replaced = true;
    return [{ ...line, text: written, eol: line.eol || eol }];
  });
  if (written !== undefined && !replaced) {
    const last = kept.findLastIndex((line) => line.section === edit.section && (line.entry || SECTION.test(line.text)));
    const added = { text: written, eol, section: edit.section };
    if (last === -1) {
      const tail = kept.at(-1);
      if (tail && tail.eol === '') tail.eol = eol;
      kept.push(
        ...(tail ? [{ text: '', eol, section: null }] : []),
        { text: `[${edit.section}]`, eol, section: edit.section },
        added,
      );
    } else {
      const anchor = kept[last] as IniLine;
      anchor.eol ||= eol;
      kept.splice(last + 1, 0, added);
    }
  }
  const result = kept.map((line) => line.text + line.eol).join('');
  const check = decode(result)[edit.section]?.[edit.entry?.name ?? ''];
  if (edit.entry && String(check) !== edit.entry.value)
    throw new Error(`ini edit of ${edit.entry.name} did not round-trip`);
  return result;
}

/** Writes a temp file beside `path` with mode 0600, fsyncs it and renames it over `path` (through a symlink, onto its target). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const directory = dirname(target);
  await makeDirs(directory, 0o700);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(directory);
}

// Makes the rename itself durable; some platforms cannot fsync a directory, which is harmless.
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
