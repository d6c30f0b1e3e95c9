// Secrets that span lines: PEM private keys (with or without their BEGIN line), values of YAML block scalars under
// secret-like names, the data of a Kubernetes Secret, and a Terraform variable's default under a secret-like name.
import {
  isPlaceholderValue,
  isRandomLookingValue,
  isSecretQuotedValue,
  secretNameStrength,
  shannonEntropy,
} from './secret-names.js';

export interface LineFinding {
  kind: string;
  /** 0-based index into the lines. */
  index: number;
}

export const marker = (kind: string): string => `[REDACTED:${kind}]`;

/** The diff line prefix ('+', '-', ' ') kept on a redacted line so the hunk stays well-formed. */
export function diffPrefix(line: string): string {
  const first = line[0];
  return first === '+' || first === '-' || first === ' ' ? first : '';
}

const KEY_MARKER = 'PRIVATE KEY';
const KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const KEY_INLINE = new RegExp(`${KEY_BEGIN.source}[\\s\\S]*?${KEY_END.source}`, 'g');
/** A line inside a PEM block: base64 (or a PGP `=` checksum), an RFC 1421 header, or blank; possibly inside a string literal. */
const KEY_BODY =
  /^\s*["'`]?(?:=?[A-Za-z0-9+/]+={0,2}|(?:Proc-Type|DEK-Info|Comment|Version): .*)?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
const KEY_MATERIAL = /[A-Za-z0-9+/]{16,}/;

/** Redacts `-----BEGIN … PRIVATE KEY-----` blocks: inline ones, and ones spanning lines up to END or the end of the key body. */
export function redactPrivateKeyBlocks(lines: string[], findings: LineFinding[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes(KEY_MARKER)) continue;
    const inline = line.replace(KEY_INLINE, marker('private-key'));
    const begin = KEY_BEGIN.exec(inline);
    if (inline !== line) findings.push({ kind: 'private-key', index: i });
    lines[i] = inline;
    if (begin === null) continue;
    const tail = inline.slice(begin.index + begin[0].length);
    let last = i;
    let material = KEY_MATERIAL.test(tail);
    let end = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.startsWith('diff --git ')) break;
      if (next.startsWith('@@')) continue;
      if (KEY_END.test(next)) {
        end = j;
        break;
      }
      if (!KEY_BODY.test(next.slice(diffPrefix(next).length))) break;
      material ||= KEY_MATERIAL.test(next);
      last = j;
    }
    // A BEGIN marker in code (a PEM parser, a check) with no key after it is left alone.
    if (!material && end === -1) continue;
    findings.push({ kind: 'private-key', index: i });
    lines[i] = inline.slice(0, begin.index) + marker('private-key');
    for (let j = i + 1; j <= last; j++) {
      const body = lines[j] ?? '';
      if (body.startsWith('@@')) lines[j] = redactHunkContext(body);
      else lines[j] = diffPrefix(body) + marker('private-key');
    }
    if (end !== -1) {
      const closing = lines[end] ?? '';
      const match = KEY_END.exec(closing);
      const after = match === null ? '' : closing.slice(match.index + match[0].length);
      lines[end] = diffPrefix(closing) + marker('private-key') + after;
      last = end;
    }
    i = last;
  }
}

// A key file edited in place: the hunk holds base64 lines of the key's body and no BEGIN line. PEM (RFC 7468) wraps
// at 64 characters, OpenSSH keys at 70; random base64 has ~5.5 bits of entropy per character, hex at most 4.
const BODY_LINE = /^\s*["'`]?([A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{70})["'`]?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
const BODY_TAIL = /^\s*["'`]?=?[A-Za-z0-9+/]{2,69}={0,2}["'`]?(?:\\n)?["'`]?\s*(?:[+,]\s*)?$/;
const HUNK_CONTEXT = /^(@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?)(.*)$/;

export function isKeyBody(base64: string): boolean {
  return /[a-z]/.test(base64) && /[A-Z]/.test(base64) && /\d/.test(base64) && shannonEntropy(base64) >= 4.6;
}

/** The hunk header's function context, when git took it from a key body: a base64 line of 40 characters or more. */
function redactHunkContext(header: string): string {
  const match = HUNK_CONTEXT.exec(header);
  if (match === null) return header;
  const context = (match[2] ?? '').trim().replace(/^["'`]|["'`,+\\n\s]+$/g, '');
  return /^[A-Za-z0-9+/]{40,}={0,2}$/.test(context) && isKeyBody(context)
    ? `${match[1]}${marker('private-key')}`
    : header;
}

const BASE64_CHAR = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  BASE64_CHAR[char.charCodeAt(0)] = 1;
/** A hunk header whose context (after trim and a quote) starts with 40 base64 characters, tried at a line's start. */
const HUNK_KEY_CONTEXT = /@@ [^\n]*@@\s*["'`]?[A-Za-z0-9+/]{40}/y;
const isSpace = (code: number): boolean =>
  code === 0x20 ||
  code === 0x09 ||
  (code >= 0x0b && code <= 0x0d) ||
  (code > 0x7f && /\s/.test(String.fromCharCode(code)));

/**
 * Whether redactKeyBodies could find anything: a line (after its diff prefix, spaces and a quote) or a hunk header's
 * context that starts with 40 base64 characters. Line by line: a multi-line `^` regex took ~2.3 ms per MB, this ~1.2
 * (`npm run bench:redact`).
 */
export function mayHoldKeyBody(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const first = text.charCodeAt(start);
    if (first === 0x40) {
      HUNK_KEY_CONTEXT.lastIndex = start;
      if (HUNK_KEY_CONTEXT.test(text)) return true;
    }
    let at = first === 0x2b || first === 0x2d || first === 0x20 ? start + 1 : start; // the diff prefix
    while (isSpace(text.charCodeAt(at))) at++;
    const quote = text.charCodeAt(at);
    if (quote === 0x22 || quote === 0x27 || quote === 0x60) at++;
    let run = 0;
    while (run < 40 && BASE64_CHAR[text.charCodeAt(at + run)] === 1) run++;
    if (run === 40) return true;
    const newline = text.indexOf('\n', start);
    if (newline === -1) return false;
    start = newline + 1;
  }
  return false;
}

/** An armored block that holds no secret: a certificate, a public key, a PGP public key or signature. */
const PUBLIC_BEGIN = /-----BEGIN (?![A-Z0-9 ]*PRIVATE KEY)[A-Z0-9 ]+-----/;
const ARMOR_END = /-----END [A-Z0-9 ]+-----/;

export function redactKeyBodies(lines: string[], findings: LineFinding[]): void {
  // Within a public block's BEGIN and END in one hunk, base64 lines are the certificate's or public key's own.
  let inPublicBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (inPublicBlock && !line.startsWith('@@')) {
      if (line.includes('-----END ') && ARMOR_END.test(line)) inPublicBlock = false;
      continue;
    }
    inPublicBlock = false;
    if (line.includes('-----BEGIN ')) {
      const begin = PUBLIC_BEGIN.exec(line);
      if (begin !== null) inPublicBlock = !ARMOR_END.test(line.slice(begin.index + begin[0].length));
      continue;
    }
    if (line.startsWith('@@')) {
      const redacted = redactHunkContext(line);
      if (redacted !== line) {
        lines[i] = redacted;
        findings.push({ kind: 'private-key', index: i });
      }
      continue;
    }
    const prefix = diffPrefix(line);
    const body = BODY_LINE.exec(line.slice(prefix.length));
    if (body === null || !isKeyBody(body[1] ?? '')) continue;
    findings.push({ kind: 'private-key', index: i });
    lines[i] = prefix + marker('private-key');
    // The run's shorter last line (and a PGP checksum) belongs to the key too.
    const next = lines[i + 1];
    if (
      next !== undefined &&
      !BODY_LINE.test(next.slice(diffPrefix(next).length)) &&
      BODY_TAIL.test(next.slice(diffPrefix(next).length))
    ) {
      lines[i + 1] = diffPrefix(next) + marker('private-key');
      i++;
    }
  }
}

const BLOCK_SCALAR = /^(\s*)(?:-\s+)?["']?([\w.-]+)["']?\s*:\s*[|>][-+]?\d*\s*(?:#.*)?$/;
const SECRET_KIND = /^\s*["']?kind["']?\s*:\s*["']?Secret["']?\s*$/m;
const DATA_KEY = /^(\s*)["']?(?:data|stringData)["']?\s*:\s*$/;
const DATA_ENTRY = /^(\s*)["']?[\w.-]+["']?\s*:\s*(?<value>\S.*?)\s*$/;

const indentOf = (content: string): number => /^\s*/.exec(content)?.[0].length ?? 0;

/** Rewrites the indented lines under a block's head with `rewrite` (undefined leaves a line as it is). */
function redactBlock(
  lines: string[],
  head: number,
  indent: number,
  kind: string,
  findings: LineFinding[],
  rewrite: (content: string) => string | undefined,
): number {
  let j = head + 1;
  for (; j < lines.length; j++) {
    const next = lines[j] ?? '';
    if (next.startsWith('@@') || next.startsWith('diff --git ')) break;
    const content = next.slice(diffPrefix(next).length);
    if (content.trim() === '') continue;
    if (indentOf(content) <= indent) break;
    const rewritten = rewrite(content);
    if (rewritten === undefined) continue;
    lines[j] = diffPrefix(next) + rewritten;
    findings.push({ kind, index: j });
  }
  return j - 1;
}

const BASE64ISH = /^\s*[A-Za-z0-9+/=-]{16,}\s*$/;

/** `tls.key: |` then the key's lines, `password: >-` then the password: the block under a secret-like name is its value. */
export function redactSecretBlocks(lines: string[], findings: LineFinding[]): void {
  const secretManifest = SECRET_KIND.test(lines.map((line) => line.slice(diffPrefix(line).length)).join('\n'));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const content = line.slice(diffPrefix(line).length);
    const block = BLOCK_SCALAR.exec(content);
    if (block !== null) {
      const strength = secretNameStrength(block[2] ?? '');
      if (strength !== undefined) {
        const whole = (text: string) => text.slice(0, indentOf(text)) + marker('secret-assignment');
        i = redactBlock(lines, i, (block[1] ?? '').length, 'secret-assignment', findings, (text) =>
          isPlaceholderValue(text) || (strength === 'weak' && !BASE64ISH.test(text)) ? undefined : whole(text),
        );
      }
      continue;
    }
    // Every value in a Kubernetes Secret's `data:` / `stringData:` is a secret, whatever its name.
    const data = secretManifest ? DATA_KEY.exec(content) : null;
    if (data !== null) {
      i = redactBlock(lines, i, (data[1] ?? '').length, 'kubernetes-secret', findings, (text) => {
        const entry = DATA_ENTRY.exec(text);
        const value = entry?.groups?.['value'];
        if (
          entry === null ||
          value === undefined ||
          /^[|>]/.test(value) ||
          isPlaceholderValue(value.replace(/^["']|["']$/g, ''))
        )
          return undefined;
        return (
          text.slice(0, entry.index + entry[0].length - value.length - (entry[0].length - entry[0].trimEnd().length)) +
          marker('kubernetes-secret')
        );
      });
    }
  }
}

const VARIABLE_BLOCK = /^\s*variable\s+"(?<name>[^"]+)"\s*\{\s*$/;
const VARIABLE_DEFAULT = /^(\s*default\s*=\s*)"(?<value>(?:\\.|[^"\\])*)"/;
const SENSITIVE = /^\s*sensitive\s*=\s*true\b/;

/** `variable "api_token" {` … `default = "<value>"` … `}`: the name is on the block's first line, the value further down. */
export function redactVariableDefaults(lines: string[], findings: LineFinding[]): void {
  for (let i = 0; i < lines.length; i++) {
    const head = VARIABLE_BLOCK.exec((lines[i] ?? '').slice(diffPrefix(lines[i] ?? '').length));
    if (head === null) continue;
    let end = i + 1;
    while (
      end < lines.length &&
      end < i + 40 &&
      !/^\s*\}/.test((lines[end] ?? '').slice(diffPrefix(lines[end] ?? '').length))
    )
      end++;
    const body = lines.slice(i + 1, end).map((line) => line.slice(diffPrefix(line).length));
    const strength = body.some((line) => SENSITIVE.test(line))
      ? 'strong'
      : secretNameStrength(head.groups?.['name'] ?? '');
    if (strength === undefined) continue;
    body.forEach((content, k) => {
      const match = VARIABLE_DEFAULT.exec(content);
      const value = match?.groups?.['value'];
      if (match === null || value === undefined) return;
      if (!(strength === 'strong' ? isSecretQuotedValue(value) : isRandomLookingValue(value))) return;
      const line = lines[i + 1 + k]!;
      const prefix = diffPrefix(line);
      lines[i + 1 + k] = `${prefix}${match[1]}"${marker('secret-assignment')}"${content.slice(match[0].length)}`;
      findings.push({ kind: 'secret-assignment', index: i + 1 + k });
    });
    i = end;
  }
}
