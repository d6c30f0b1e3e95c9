// Whether a generated subject is filler an author would not write: a list of names, a tautology, a file name, "update docs".

const TYPE_WORDS: Record<string, RegExp> = {
  feat: /^feat(ure)?s?$/,
  fix: /^fix(e[sd])?$/,
  docs: /^(docs?|document(s|ed)?)$/,
  test: /^tests?$/,
  refactor: /^refactor(s|ed)?$/,
  perf: /^perf$/,
  style: /^style[sd]?$/,
  build: /^build$/,
  ci: /^ci$/,
  chore: /^chores?$/,
};

const ITEM = '(?:`[^`]+`|[A-Za-z_$][\\w$.\\-/]*(?:\\(\\))?)';
const LIST = new RegExp(`${ITEM}(?:, ${ITEM})*,? (?:and|or) ${ITEM}|${ITEM}(?:, ${ITEM})+`, 'g');
const FILE_NAME =
  /[\w.-]*\w\.(md|mdx|rst|txt|ts|tsx|mts|cts|js|jsx|mjs|cjs|json|jsonc|ya?ml|toml|rs|go|py|vue|lock|sh|css|scss|html|java|kt|c|cc|cpp|h|hpp|rb|snap)\b/gi;
const GENERIC =
  /^(update|improve|change|modify|adjust|tweak|clean ?up|tidy|optimi[sz]e|simplify|extend|refactor|fix|document|bump)\s+(the\s+)?(docs?|documentation|dependencies|deps|tests?|files?|code|config(uration)?|ci|ci workflows|workflows?|snapshots|readme|source|types|build|scripts|examples?|[\w/.-]+ files|\d+ files)$/i;

function identifierLike(item: string): boolean {
  return (
    /^`.+`$/.test(item) ||
    /[a-z][A-Z]/.test(item) ||
    /\w_\w/.test(item) ||
    /\w\.\w/.test(item) ||
    /\(\)$/.test(item) ||
    /\w\/\w/.test(item)
  );
}

/** Why a generated subject is weak, or undefined when it reads like an author's. */
export function weakReason(type: string, subject: string, realSubject: string): string | undefined {
  const text = subject.trim();
  if (!text) return 'empty';
  if (/\band \d+ more\b/i.test(text)) return 'and N more';
  for (const match of text.matchAll(LIST)) {
    const items = match[0].split(/,\s*|\s+(?:and|or)\s+/).filter(Boolean);
    if (items.filter(identifierLike).length >= 2) return 'list of identifiers';
  }
  const first = (text.split(/\s+/)[0] ?? '').toLowerCase();
  if (TYPE_WORDS[type]?.test(first)) return 'repeats the type';
  const real = realSubject.toLowerCase();
  for (const match of text.replace(/`/g, '').matchAll(FILE_NAME)) {
    if (!real.includes(match[0].toLowerCase())) return 'file name';
  }
  if (GENERIC.test(text)) return 'generic';
  return undefined;
}
