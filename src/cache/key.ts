// Content addressing: a stable hash over a canonical JSON form, so key order and run never change the key.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, current: unknown) => {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return current;
    // A null prototype makes a "__proto__" key an ordinary own property instead of a prototype swap.
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of Object.keys(current).sort()) sorted[name] = (current as Record<string, unknown>)[name];
    return sorted;
  });
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 hex of the canonical JSON of the parts, e.g. { kind, provider, model, system, prompt, schema }. */
export function cacheKey(parts: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(parts));
}
