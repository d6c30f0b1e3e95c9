// Declared names (functions, classes, types, constants, methods) read from single source lines, per language family.

export type SymbolKind = 'function' | 'class' | 'type' | 'const' | 'method' | 'module';

export interface DeclaredSymbol {
  name: string;
  kind: SymbolKind;
  exported: boolean;
}

type Language = 'js' | 'python' | 'go' | 'rust' | 'jvm' | 'c' | 'ruby' | 'php' | 'shell' | 'swift' | 'other';

interface Rule {
  pattern: RegExp;
  kind: SymbolKind;
  /** Exported when the pattern's `exp` group matched, or always/never. */
  exported?: boolean | ((name: string, line: string) => boolean);
}

const KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'function',
  'else',
  'do',
  'try',
  'new',
  'typeof',
  'await',
  'sizeof',
  'constructor',
  'super',
  'this',
  'with',
  'elif',
  'match',
  'case',
  'throw',
  'delete',
  'void',
  'yield',
  'async',
  'get',
  'set',
  'static',
  'public',
  'private',
  'protected',
  'import',
  'export',
  'from',
  'defined',
]);

const JS: Rule[] = [
  {
    pattern: /^(?<exp>export\s+(?:default\s+)?)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*(?<name>[\w$]+)/,
    kind: 'function',
  },
  {
    pattern: /^(?<exp>export\s+(?:default\s+)?)?(?:declare\s+)?(?:abstract\s+)?class\s+(?<name>[\w$]+)/,
    kind: 'class',
  },
  { pattern: /^(?<exp>export\s+)?(?:declare\s+)?(?:interface|type|enum|namespace)\s+(?<name>[\w$]+)/, kind: 'type' },
  {
    pattern:
      /^(?<exp>export\s+)?(?:declare\s+)?(?:const|let|var)\s+(?<name>[\w$]+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/,
    kind: 'function',
  },
  { pattern: /^(?<exp>export\s+)?(?:declare\s+)?(?:const|let|var)\s+(?<name>[\w$]+)/, kind: 'const' },
  {
    pattern:
      /^\s+(?:(?:public|private|protected|static|async|readonly|override|abstract|get|set)\s+)*(?<name>[\w$]+)\s*(?:<[^>]*>)?\([^;]*\)\s*(?::\s*[^={;]+)?\{\s*$/,
    kind: 'method',
    exported: false,
  },
];

const RULES: Record<Language, Rule[]> = {
  js: JS,
  python: [
    {
      pattern: /^(?<indent>\s*)(?:async\s+)?def\s+(?<name>\w+)/,
      kind: 'function',
      exported: (name, line) => !name.startsWith('_') && !/^\s/.test(line),
    },
    { pattern: /^(?<indent>\s*)class\s+(?<name>\w+)/, kind: 'class', exported: (name) => !name.startsWith('_') },
    { pattern: /^(?<name>[A-Z][A-Z0-9_]+)\s*(?::[^=]+)?=/, kind: 'const', exported: true },
  ],
  go: [
    { pattern: /^func\s+\([^)]*\)\s*(?<name>\w+)/, kind: 'method', exported: isCapitalised },
    { pattern: /^func\s+(?<name>\w+)/, kind: 'function', exported: isCapitalised },
    { pattern: /^(?:type\s+)?(?<name>\w+)\s+(?:struct|interface)\b/, kind: 'type', exported: isCapitalised },
    { pattern: /^type\s+(?<name>\w+)/, kind: 'type', exported: isCapitalised },
    { pattern: /^(?:const|var)\s+(?<name>\w+)/, kind: 'const', exported: isCapitalised },
  ],
  rust: [
    {
      pattern:
        /^\s*(?<exp>pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"\w+"\s+)?fn\s+(?<name>\w+)/,
      kind: 'function',
    },
    { pattern: /^\s*(?<exp>pub(?:\([^)]*\))?\s+)?(?:struct|enum|trait|union|type)\s+(?<name>\w+)/, kind: 'type' },
    { pattern: /^\s*(?<exp>pub(?:\([^)]*\))?\s+)?(?:const|static)\s+(?<name>[A-Z_][A-Z0-9_]*)/, kind: 'const' },
    { pattern: /^\s*(?<exp>pub(?:\([^)]*\))?\s+)?mod\s+(?<name>\w+)/, kind: 'module' },
    { pattern: /^macro_rules!\s*(?<name>\w+)/, kind: 'function', exported: false },
  ],
  jvm: [
    {
      pattern:
        /^\s*(?<exp>public\s+)?(?:(?:private|protected|internal|static|final|abstract|sealed|data|open|partial)\s+)*(?:class|interface|enum|record|object|struct)\s+(?<name>\w+)/,
      kind: 'class',
    },
    {
      pattern:
        /^\s*(?<exp>public\s+)?(?:(?:private|protected|internal|static|final|abstract|override|suspend|open|synchronized|async|virtual)\s+)*fun\s+(?:<[^>]*>\s*)?(?:\w+\.)?(?<name>\w+)\s*\(/,
      kind: 'function',
    },
    {
      pattern:
        /^\s*(?<exp>public\s+)?(?:(?:private|protected|internal|static|final|abstract|override|synchronized|async|virtual)\s+)*(?:<[^>]*>\s*)?(?!(?:return|new|else|throw|await|case)\b)[\w<>[\],.?]+\s+(?<name>\w+)\s*\([^;]*$/,
      kind: 'method',
    },
  ],
  c: [
    { pattern: /^#\s*define\s+(?<name>\w+)/, kind: 'const', exported: true },
    {
      pattern: /^(?:typedef\s+)?(?:struct|enum|union|class|namespace)\s+(?<name>\w+)\s*(?:[:{]|$)/,
      kind: 'type',
      exported: true,
    },
    {
      pattern: /^(?!\s)(?:[\w:<>,*&~]+\s+)*?[\w:<>*&]+[\s*&]+(?:\w+::)*(?<name>~?\w+)\s*\([^;]*$/,
      kind: 'function',
      exported: (_name, line) => !/^static\b/.test(line),
    },
  ],
  ruby: [
    { pattern: /^\s*def\s+(?:self\.)?(?<name>\w+[?!]?)/, kind: 'method', exported: true },
    { pattern: /^\s*(?:class|module)\s+(?<name>[\w:]+)/, kind: 'class', exported: true },
  ],
  php: [
    {
      pattern: /^\s*(?:(?:abstract|final|public|private|protected|static)\s+)*function\s+(?<name>\w+)/,
      kind: 'function',
      exported: (_name, line) => !/private|protected/.test(line),
    },
    {
      pattern: /^\s*(?:abstract\s+|final\s+)?(?:class|interface|trait|enum)\s+(?<name>\w+)/,
      kind: 'class',
      exported: true,
    },
  ],
  shell: [
    { pattern: /^(?:function\s+)?(?<name>[\w-]+)\s*\(\)\s*\{?/, kind: 'function', exported: true },
    { pattern: /^function\s+(?<name>[\w-]+)/, kind: 'function', exported: true },
  ],
  swift: [
    {
      pattern:
        /^\s*(?<exp>public\s+|open\s+)?(?:(?:private|fileprivate|internal|static|final|override|mutating)\s+)*func\s+(?<name>\w+)/,
      kind: 'function',
    },
    {
      pattern:
        /^\s*(?<exp>public\s+|open\s+)?(?:(?:private|fileprivate|internal|final)\s+)*(?:class|struct|enum|protocol|extension|actor)\s+(?<name>\w+)/,
      kind: 'class',
    },
  ],
  other: [],
};

const EXTENSIONS: [RegExp, Language][] = [
  [/\.(c|m)?[jt]sx?$|\.(vue|svelte|astro)$/, 'js'],
  [/\.pyi?$/, 'python'],
  [/\.go$/, 'go'],
  [/\.rs$/, 'rust'],
  [/\.(java|kt|kts|scala|cs|groovy|dart)$/, 'jvm'],
  [/\.(c|h|cc|cpp|cxx|hpp|hh|hxx|m|mm|cu)$/, 'c'],
  [/\.(rb|rake)$/, 'ruby'],
  [/\.php$/, 'php'],
  [/\.(sh|bash|zsh)$/, 'shell'],
  [/\.swift$/, 'swift'],
];

function isCapitalised(name: string): boolean {
  return /^[A-Z]/.test(name);
}

export function languageOf(path: string): Language {
  return EXTENSIONS.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

/** The symbol a source line declares, if any (the line without its diff prefix). */
export function extractSymbol(line: string, path: string): DeclaredSymbol | undefined {
  if (line.length > 300 || /^\s*(\/\/|\/\*|\*|#(?!\s*define)|--)/.test(line)) return undefined;
  for (const rule of RULES[languageOf(path)]) {
    const match = rule.pattern.exec(line);
    const name = match?.groups?.name;
    if (!match || !name || KEYWORDS.has(name) || name.length < 2) continue;
    const exported =
      typeof rule.exported === 'function' ? rule.exported(name, line) : (rule.exported ?? Boolean(match.groups?.exp));
    return { name, kind: rule.kind, exported };
  }
  return undefined;
}

/** The symbol named by a hunk's section header (git's function context), trying every language when the path's fails. */
export function symbolOfSection(section: string, path: string): string | undefined {
  if (!section) return undefined;
  const direct = extractSymbol(section, path);
  if (direct) return direct.name;
  const call = /([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/.exec(section);
  const name = call?.[1];
  return name && !KEYWORDS.has(name) ? name : undefined;
}
