#!/usr/bin/env bash
# The whole test suite: TypeScript (vitest) then the Rust rules crate (cargo test, offline).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
npx tsc --noEmit -p tsconfig.json
npx vitest run
cargo test --offline --manifest-path programs/exec-trade-rules/Cargo.toml
