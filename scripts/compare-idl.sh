#!/usr/bin/env bash
# Builds the program with the Anchor CLI and compares the IDL it generates with the committed one
# (engine/src/client/idl/exec_trade.json, generated from source by `npm run idl`, which `npm test`
# checks on every run), ignoring key order. Also compares the camelCase type file. For users with
# the Solana toolchain: it proves the SBF build's IDL is the one the SDK uses. Where `anchor` is not
# installed (this project's build machines have no Solana toolchain) it says so and exits 0.
# Usage: scripts/compare-idl.sh            (exit 1 and a diff when they differ)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v anchor >/dev/null 2>&1; then
  echo "compare-idl: anchor not installed, skipped"
  exit 0
fi

anchor build
status=0
compare() {
  local built="$1" committed="$2"
  node -e '
    const fs = require("fs");
    const sort = (v) => Array.isArray(v) ? v.map(sort)
      : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
    const load = (p) => {
      const text = fs.readFileSync(p, "utf8");
      const json = p.endsWith(".ts") ? text.slice(text.indexOf("= ") + 2).trim().replace(/;$/, "") : text;
      return JSON.stringify(sort(JSON.parse(json)), null, 2) + "\n";
    };
    fs.writeFileSync(process.argv[3] + ".a", load(process.argv[1]));
    fs.writeFileSync(process.argv[3] + ".b", load(process.argv[2]));
  ' "$built" "$committed" "$tmp/$(basename "$committed")"
  if diff -u "$tmp/$(basename "$committed").b" "$tmp/$(basename "$committed").a"; then
    echo "compare-idl: $committed matches $built"
  else
    echo "compare-idl: $committed differs from $built (- committed, + built)"
    status=1
  fi
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
compare target/idl/exec_trade.json engine/src/client/idl/exec_trade.json
compare target/types/exec_trade.ts engine/src/client/idl/exec_trade.ts
exit "$status"
