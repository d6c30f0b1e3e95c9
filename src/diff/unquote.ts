// Undoes git's C-style path quoting (core.quotePath): "h\303\251llo\tw\"x" -> 'héllo<TAB>w"x'.

const BACKSLASH = 0x5c;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  '"': 0x22,
  '\\': 0x5c,
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
};

function isOctalDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '7';
}

/**
 * Returns the path a quoted git path stands for; unquoted input is returned as is.
 * Octal escapes are raw bytes, so the whole body is rebuilt as bytes and decoded as UTF-8
 * (non-UTF-8 names decode to U+FFFD, as they would anywhere else in a JS string).
 */
export function unquoteGitPath(raw: string): string {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const body = raw.slice(1, -1);
  if (!body.includes('\\')) return body;

  const parts: Buffer[] = [];
  let bytes: number[] = [];
  let plainStart = 0;
  const flushPlain = (end: number) => {
    if (end <= plainStart) return;
    if (bytes.length > 0) parts.push(Buffer.from(bytes));
    bytes = [];
    parts.push(Buffer.from(body.slice(plainStart, end), 'utf8'));
  };

  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) !== BACKSLASH) continue;
    flushPlain(i);
    const next = body[i + 1];
    if (isOctalDigit(next) && isOctalDigit(body[i + 2]) && isOctalDigit(body[i + 3])) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else if (next !== undefined && Object.hasOwn(SIMPLE_ESCAPES, next)) {
      bytes.push(SIMPLE_ESCAPES[next] as number);
      i += 1;
    } else {
      // Not an escape git writes: keep the backslash literally rather than lose data.
      bytes.push(BACKSLASH);
    }
    plainStart = i + 1;
  }
  flushPlain(body.length);
  if (bytes.length > 0) parts.push(Buffer.from(bytes));
  return Buffer.concat(parts).toString('utf8');
}
