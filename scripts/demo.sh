#!/usr/bin/env bash
# Creates a throwaway repository with a staged change and asks git-ai (offline engine, no key) for a message.
set -euo pipefail
cli="$(cd "$(dirname "$0")/.." && pwd)/dist/cli.js"
demo=$(mktemp -d "${TMPDIR:-/tmp}/git-ai-demo-XXXXXX")
trap 'rm -rf "$demo"' EXIT
cd "$demo"
export GIT_AUTHOR_NAME=demo GIT_AUTHOR_EMAIL=demo@example.com GIT_COMMITTER_NAME=demo GIT_COMMITTER_EMAIL=demo@example.com
git init -q -b main
mkdir -p src
cat > src/cart.ts <<'TS'
export interface Item { name: string; price: number }

export function total(items: Item[]): number {
  return items.reduce((sum, item) => sum + item.price, 0);
}
TS
git add . && git -c commit.gpgsign=false commit -q -m "feat(cart): add cart total"
cat > src/cart.ts <<'TS'
export interface Item { name: string; price: number; quantity?: number }

export function total(items: Item[]): number {
  return items.reduce((sum, item) => sum + item.price * (item.quantity ?? 1), 0);
}

export function applyDiscount(amount: number, percent: number): number {
  if (percent < 0 || percent > 100) throw new RangeError('percent must be 0-100');
  return amount * (1 - percent / 100);
}
TS
git add src/cart.ts
echo "\$ git diff --cached --stat"
git --no-pager diff --cached --stat
echo
echo "\$ git ai commit --dry-run"
node "$cli" commit --dry-run
