// A secret's name and its value as two fields of one entry, on consecutive lines: a Kubernetes container's
// `- name: DB_PASSWORD` / `value: …`, an ECS task definition's `"name": "API_TOKEN",` / `"value": "…"`.
import { diffPrefix, marker, type LineFinding } from './key-material.js';
import { isRandomLookingValue, isSecretQuotedValue, secretNameStrength } from './secret-names.js';

/** `- name: X`, `name: "X"`, `"name": "X",` (or `key`), alone on its line. */
const NAME_FIELD = /^\s*(?:-\s+)?["']?(?:name|key)["']?\s*:\s*(?<q>["']?)(?<name>[A-Za-z_][\w.-]*)\k<q>\s*(?:,\s*)?$/;
/** `value: X`, `value: "X"`, `"value": "X"`, with the value's span. */
const VALUE_FIELD =
  /^(?<head>\s*["']?value["']?\s*:\s*)(?:(?<q>["'])(?<quoted>(?:\\.|(?!\k<q>)[^\\])*)\k<q>|(?<bare>[^\s"'#,{}[\]][^\s,#]*))/;

export function redactNameValuePairs(lines: string[], findings: LineFinding[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('name') && !line.includes('key')) continue;
    const name = NAME_FIELD.exec(line.slice(diffPrefix(line).length))?.groups?.['name'];
    const strength = name === undefined ? undefined : secretNameStrength(name);
    if (strength === undefined) continue;
    const next = lines[i + 1] ?? '';
    const prefix = diffPrefix(next);
    const field = VALUE_FIELD.exec(next.slice(prefix.length));
    const value = field?.groups?.['quoted'] ?? field?.groups?.['bare'];
    if (field === null || value === undefined) continue;
    if (!(strength === 'strong' ? isSecretQuotedValue(value) : isRandomLookingValue(value))) continue;
    const start = prefix.length + field.index + field[0].length - value.length - (field.groups?.['quoted'] ? 1 : 0);
    lines[i + 1] = next.slice(0, start) + marker('secret-assignment') + next.slice(start + value.length);
    findings.push({ kind: 'secret-assignment', index: i + 1 });
    i++;
  }
}
