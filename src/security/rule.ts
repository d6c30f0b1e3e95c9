// What a secret rule is: a kind for the marker, a cheap pre-filter, and a finder of value spans in one line.

/** Where a secret value sits in one line: [start, end) in UTF-16 code units. */
export interface SecretSpan {
  start: number;
  end: number;
}

export interface SecretRule {
  /** Shown in the redaction marker, e.g. `github-token` gives `[REDACTED:github-token]`. */
  kind: string;
  /** Regex source matched case-insensitively as a cheap pre-filter: a line without a match of it has no match of the rule. */
  hint: string;
  find: (line: string) => SecretSpan[];
}

/** A rule from a global regex with indices (`d`); the secret is group `secret`, or the whole match when there is none. */
export function regexRule(kind: string, hint: string, regex: RegExp, accept?: (secret: string) => boolean): SecretRule {
  if (!regex.global || !regex.hasIndices) throw new TypeError(`${kind}: the regex needs the g and d flags`);
  return {
    kind,
    hint,
    find(line) {
      const spans: SecretSpan[] = [];
      for (const match of line.matchAll(regex)) {
        const range = match.indices?.groups?.['secret'] ?? match.indices?.[0];
        if (range === undefined || range[1] <= range[0]) continue;
        if (accept !== undefined && !accept(line.slice(range[0], range[1]))) continue;
        spans.push({ start: range[0], end: range[1] });
      }
      return spans;
    },
  };
}
