// The on-disk entry format, pure: encode a value into a self-checking file body, and decode or reject one.
import { LAYOUT_VERSION } from './paths.js';
import { canonicalJson, sha256Hex } from './key.js';

interface EntryFile {
  v: number;
  key: string;
  createdAt: number;
  checksum: string;
  value: unknown;
}

export type DecodedEntry = { ok: true; value: unknown } | { ok: false; reason: string };

/** The file body for an entry, or undefined when the value has no JSON form (undefined, a function). */
export function encodeEntry(options: { key: string; createdAt: number; value: unknown }): string | undefined {
  if (options.value === undefined) return undefined;
  const checksum = sha256Hex(canonicalJson(options.value));
  const file: EntryFile = {
    v: LAYOUT_VERSION,
    key: options.key,
    createdAt: options.createdAt,
    checksum,
    value: options.value,
  };
  return JSON.stringify(file);
}

/** Accepts only a complete entry written for this key whose value still matches its checksum. */
export function decodeEntry(text: string, key: string): DecodedEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, reason: 'not an object' };
  const file = parsed as Partial<EntryFile>;
  if (file.v !== LAYOUT_VERSION) return { ok: false, reason: 'wrong version' };
  if (file.key !== key) return { ok: false, reason: 'key mismatch' };
  if (typeof file.createdAt !== 'number') return { ok: false, reason: 'missing createdAt' };
  if (typeof file.checksum !== 'string' || !('value' in file))
    return { ok: false, reason: 'missing checksum or value' };
  if (sha256Hex(canonicalJson(file.value)) !== file.checksum) return { ok: false, reason: 'checksum mismatch' };
  return { ok: true, value: file.value };
}
