// Key bodies without their BEGIN line that key-material.ts's PEM widths (64, 70) miss: base64 wrapped at 76 as MIME
// and `base64` write it, and a body held in one JSON or YAML string with `\n` escapes (`"MIIE…\nAbc…\n"`).
import { diffPrefix, isKeyBody, marker, type LineFinding } from './key-material.js';

const MIME_LINE = /^\s*["'`]?([A-Za-z0-9+/]{76})["'`]?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
const MIME_TAIL = /^\s*["'`]?=?[A-Za-z0-9+/]{2,75}={0,2}["'`]?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
/** What a body starts with when it is no key: an image, a PDF, XML or SVG, or a certificate's DER (its version field). */
const NOT_A_KEY =
  /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|JVBERi0|PD94bW|PHN2Zy|MII[A-Za-z0-9+/]{3,5}CCA[A-Za-z0-9+/]{2,4}gAwIBAgI)/;
const ESCAPED_NEWLINE = '\\n';
/** The widths a key body is wrapped at: PEM's 64, OpenSSH's 70, MIME's 76. */
const WIDTHS = new Set([64, 70, 76]);
const BASE64_LINE = /^[A-Za-z0-9+/]+$/;
const BASE64_TAIL = /^[A-Za-z0-9+/]{1,76}={0,2}/;
const PUBLIC_ARMOR = /-----BEGIN (?![A-Z0-9 ]*PRIVATE KEY)[A-Z0-9 ]+-----$/;

const isBase64Char = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;

/** How many base64 characters end `text` (counted back, up to 77: a regex for the run would retry at each of its characters). */
function base64RunAtEnd(text: string): number {
  let run = 0;
  while (run < 77 && run < text.length && isBase64Char(text.charCodeAt(text.length - 1 - run))) run++;
  return run;
}

/** Whether some `\n` in `line` ends a run of base64 as long as a wrapped line: most (`'\n'` in code) do not, and need no split. */
function endsChunk(line: string): boolean {
  for (let at = line.indexOf(ESCAPED_NEWLINE); at !== -1; at = line.indexOf(ESCAPED_NEWLINE, at + 2)) {
    let run = 0;
    while (run < 77 && run < at && isBase64Char(line.charCodeAt(at - 1 - run))) run++;
    if (run >= 64) return true;
  }
  return false;
}

/** Base64 of text (a MIME part of a mail, a message encoded for a test): its bytes are printable, a key's are not. */
function decodesToText(base64: string): boolean {
  const bytes = Buffer.from(base64, 'base64');
  let printable = 0;
  for (const byte of bytes)
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d || byte === 0x09) printable++;
  return printable >= bytes.length * 0.9;
}

const isBody = (base64: string): boolean => isKeyBody(base64) && !decodesToText(base64);

/** Lines of 76 base64 characters that look like a key's (and the run's shorter last line), edited in place. */
export function redactMimeBodies(lines: string[], findings: LineFinding[]): void {
  let skipping = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const prefix = diffPrefix(line);
    const body = MIME_LINE.exec(line.slice(prefix.length))?.[1];
    if (body === undefined) {
      skipping = false;
      continue;
    }
    // A run that starts as an image or a certificate does is one to its end.
    if (skipping || NOT_A_KEY.test(body)) {
      skipping = true;
      continue;
    }
    if (!isBody(body)) continue;
    findings.push({ kind: 'private-key', index: i });
    lines[i] = prefix + marker('private-key');
    const next = lines[i + 1];
    if (next === undefined) continue;
    const rest = next.slice(diffPrefix(next).length);
    if (!MIME_LINE.test(rest) && MIME_TAIL.test(rest)) {
      lines[i + 1] = diffPrefix(next) + marker('private-key');
      findings.push({ kind: 'private-key', index: i + 1 });
      i++;
    }
  }
}

export const mayHoldEscapedBody = (text: string): boolean => text.includes(ESCAPED_NEWLINE);

/** The key bodies held in `line` as chunks of one width each ended by `\n`: [start, end) of each run. */
function escapedBodies(line: string): Array<[number, number]> {
  const parts = line.split(ESCAPED_NEWLINE);
  const starts: number[] = [];
  for (let k = 0, at = 0; k < parts.length; at += parts[k]!.length + ESCAPED_NEWLINE.length, k++) starts.push(at);
  const found: Array<[number, number]> = [];
  for (let k = 0; k < parts.length - 1; k++) {
    const width = base64RunAtEnd(parts[k]!);
    if (!WIDTHS.has(width)) continue;
    const before = parts[k]!.slice(0, -width);
    let last = k;
    while (last + 1 < parts.length - 1 && parts[last + 1]!.length === width && BASE64_LINE.test(parts[last + 1]!))
      last++;
    // One chunk alone may be anything; a certificate's or public key's body is none.
    const armor = PUBLIC_ARMOR.test((k > 0 && before === '' ? parts[k - 1]! : before).slice(-100));
    if (last === k || armor) {
      k = last;
      continue;
    }
    let end = starts[last]! + parts[last]!.length + ESCAPED_NEWLINE.length;
    const tail = BASE64_TAIL.exec(parts[last + 1]!)?.[0];
    if (tail !== undefined && tail.length <= width) end += tail.length;
    const start = starts[k]! + parts[k]!.length - width;
    const base64 = line.slice(start, end).split(ESCAPED_NEWLINE).join('');
    if (!NOT_A_KEY.test(base64) && isBody(base64.slice(0, width * 2))) found.push([start, end]);
    k = last;
  }
  return found;
}

/** A key's body in one string with `\n` escapes, with no BEGIN line before it (or in another hunk). */
export function redactEscapedBodies(lines: string[], findings: LineFinding[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!endsChunk(line)) continue;
    const prefix = diffPrefix(line);
    const bodies = escapedBodies(line.slice(prefix.length));
    if (bodies.length === 0) continue;
    let out = line.slice(prefix.length);
    for (const [start, end] of bodies.reverse()) out = out.slice(0, start) + marker('private-key') + out.slice(end);
    lines[i] = prefix + out;
    findings.push({ kind: 'private-key', index: i });
  }
}
