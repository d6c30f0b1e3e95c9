// The offline engine's regression set: canonical changes, each with the header the engine must write for it, made in
// real git repositories (stageChange) under a new repository's history and under a mixed one.

import type { ChangeSpec } from './staged-change.js';

export const CART = [
  'export interface Item { name: string; price: number }',
  '',
  'export function total(items: Item[]): number {',
  '  return items.reduce((sum, item) => sum + item.price, 0);',
  '}',
  '',
].join('\n');

export const PRICES = [
  "import { fetchRates } from './rates';",
  '',
  'export async function convert(amount: number, currency: string): Promise<number> {',
  '  const rates = await fetchRates();',
  '  return amount * rates[currency];',
  '}',
  '',
].join('\n');

export const MANIFEST = (vite: string) =>
  JSON.stringify(
    { name: 'shop', version: '1.0.0', scripts: { build: 'vite build' }, devDependencies: { vite: vite } },
    null,
    2,
  ) + '\n';

export const BEFORE: Record<string, string> = {
  'src/cart.ts': CART,
  'src/prices.ts': PRICES,
  'src/index.ts': "export { total } from './cart';\nexport { convert } from './prices';\n",
  'test/cart.test.ts':
    "import { total } from '../src/cart';\n\nit('sums prices', () => {\n  expect(total([])).toBe(0);\n});\n",
  'README.md': '# shop\n\nA small shop.\n',
  'package.json': MANIFEST('^5.0.1'),
  '.github/workflows/test.yml':
    'name: test\non: push\njobs:\n  test:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: npm test\n',
};

export type Commits = NonNullable<ChangeSpec['commits']>;

const CHECKOUT = 'export function checkout(total: number): number {\n  return Math.max(0, total);\n}\n';

/**
 * A few months of an ordinary project, every kind of commit: the files the cases change were added by `feat`
 * commits, and the newest commits (a fix, a refactor, a chore) are about other files.
 */
export const MIXED_HISTORY: Commits = [
  {
    subject: 'feat(cart): add cart total',
    files: { 'src/cart.ts': CART, 'test/cart.test.ts': BEFORE['test/cart.test.ts']! },
  },
  {
    subject: 'feat(prices): convert between currencies',
    files: { 'src/prices.ts': PRICES, 'src/index.ts': BEFORE['src/index.ts']! },
  },
  { subject: 'docs: describe the cart', files: { 'docs/cart.md': '# The cart\n\nIt sums prices.\n' } },
  { subject: 'ci: release from tags', files: { '.github/workflows/release.yml': 'name: release\non: push\n' } },
  {
    subject: 'test(prices): cover an unknown currency',
    files: { 'test/prices.test.ts': "it('converts', () => {});\n" },
  },
  {
    subject: 'feat(checkout): add checkout',
    files: { 'src/checkout.ts': CHECKOUT.replace('Math.max(0, total)', 'total') },
  },
  { subject: 'fix(checkout): keep the total positive', files: { 'src/checkout.ts': CHECKOUT } },
  { subject: 'refactor(checkout): name the result', files: { 'src/checkout.ts': CHECKOUT + '\n' } },
  { subject: 'chore: ignore the build folder', files: { '.gitignore': 'node_modules/\ndist/\n' } },
];

/** What the repository holds before the mixed history adds the rest of BEFORE. */
const FIRST_FILES = Object.fromEntries(
  Object.entries(BEFORE).filter(([path]) => !path.startsWith('src/') && !path.startsWith('test/')),
);

/** Where the cases start: the files of the first commit, and the commits after it. */
export const HISTORIES: [string, { before: Record<string, string>; commits: Commits }][] = [
  ['a new repository', { before: BEFORE, commits: [] }],
  ['a mixed history', { before: FIRST_FILES, commits: MIXED_HISTORY }],
];

export interface CanonicalCase {
  name: string;
  after: ChangeSpec['after'];
  /** The header expected, as a pattern. */
  header: RegExp;
}

/** scripts/demo.sh's change, the first a new user sees: a new exported applyDiscount beside a changed total. */
export const DEMO_CASE: CanonicalCase = {
  name: "npm run demo's change: a new exported applyDiscount beside a changed total",
  after: {
    'src/cart.ts': [
      'export interface Item { name: string; price: number; quantity?: number }',
      '',
      'export function total(items: Item[]): number {',
      '  return items.reduce((sum, item) => sum + item.price * (item.quantity ?? 1), 0);',
      '}',
      '',
      'export function applyDiscount(amount: number, percent: number): number {',
      "  if (percent < 0 || percent > 100) throw new RangeError('percent must be 0-100');",
      '  return amount * (1 - percent / 100);',
      '}',
      '',
    ].join('\n'),
  },
  header: /^feat(\(cart\))?: add applyDiscount$/,
};

/**
 * The demo's history: its one commit. (With no history at all the change alone decides, and the corpus's changes of
 * this shape, a small edit of existing code beside a new function, are fixes more often than features.)
 */
export const DEMO_HISTORY = {
  before: { 'src/cart.ts': CART },
  firstSubject: 'feat(cart): add cart total',
  commits: [],
};

export const CANONICAL_CASES: CanonicalCase[] = [
  {
    name: 'a new exported function in a new file, exported from the entry point',
    after: {
      'src/coupons.ts': [
        'export function parseCoupon(code: string): { code: string; percent: number } {',
        "  const [name = '', value = '0'] = code.split('-');",
        '  return { code: name, percent: Number(value) };',
        '}',
        '',
      ].join('\n'),
      'src/index.ts': BEFORE['src/index.ts'] + "export { parseCoupon } from './coupons';\n",
    },
    header: /^feat(\([a-z]+\))?: add parseCoupon$/,
  },
  {
    name: 'a new guard in existing code',
    after: {
      'src/prices.ts': PRICES.replace(
        '  const rates = await fetchRates();\n',
        '  const rates = await fetchRates();\n  if (!(currency in rates)) return amount;\n',
      ),
    },
    header: /^fix(\(prices\))?: /,
  },
  {
    name: 'a file moved without a change of behaviour',
    after: {
      'src/prices.ts': null,
      'src/money/prices.ts': PRICES,
      'src/index.ts': BEFORE['src/index.ts']!.replace("'./prices'", "'./money/prices'"),
    },
    header: /^refactor(\([a-z]+\))?: /,
  },
  {
    name: 'memoised exchange rates',
    after: {
      'src/prices.ts': [
        "import { fetchRates } from './rates';",
        '',
        'let cached: Promise<Record<string, number>> | undefined;',
        '',
        'export async function convert(amount: number, currency: string): Promise<number> {',
        '  // cache the rates: fetching them on every call was slow',
        '  cached ??= fetchRates();',
        '  const rates = await cached;',
        '  return amount * rates[currency];',
        '}',
        '',
      ].join('\n'),
    },
    header: /^perf(\(prices\))?: cache the rates$/,
  },
  {
    name: 'a dependency bump',
    after: { 'package.json': MANIFEST('^5.4.0') },
    header: /^chore\(deps\): .*vite/,
  },
  {
    name: 'a workflow',
    after: {
      '.github/workflows/test.yml': BEFORE['.github/workflows/test.yml']!.replace('ubuntu-22.04', 'ubuntu-24.04'),
    },
    header: /^ci(\([a-z]+\))?: /,
  },
  {
    name: 'tests only',
    after: {
      'test/cart.test.ts':
        BEFORE['test/cart.test.ts'] +
        "\nit('sums two prices', () => {\n  expect(total([{ name: 'a', price: 1 }, { name: 'b', price: 2 }])).toBe(3);\n});\n",
    },
    header: /^test(\(cart\))?: /,
  },
  {
    name: 'docs only',
    after: { 'README.md': '# shop\n\nA small shop.\n\n## Install\n\n    npm install shop\n' },
    header: /^docs(\([a-z]+\))?: /,
  },
];
