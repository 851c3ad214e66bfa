#!/usr/bin/env bash
# The whole test suite, in order of what fails fastest:
#   1. TypeScript types (tsc)
#   2. Rust: the rules crate (unit, adversarial, model tests); the program (clippy -D warnings with
#      the workspace's overflow-checks, its unit tests, and the IDL generated from source compared
#      with the committed engine/src/client/idl files); the native bank (the program executed in a
#      solana-program-test bank: harness tests) and the local chain binary the TypeScript tests use
#   3. vitest: engine, client, program-level tests on the native local chain, browser tests
#   4. the API contract: schemathesis (PyPI, in a venv) against the demo engine from the OpenAPI
#      document it serves (scripts/api-contract/run.ts; 2 min of generated requests)
# CARGO_TARGET_DIR may point outside the clone (.ci/run does) to keep builds warm between runs, and
# SCHEMATHESIS_VENV the schemathesis venv (default ~/.cache/exec-trade/schemathesis-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUST_LOG="${RUST_LOG:-error}"
step() { printf '\n=== %s ===\n' "$*"; }

[ -d node_modules ] || npm install --no-audit --no-fund

# CARGO_TARGET_DIR is the native bank's (the engine and the tests build the local chain there).
# The Anchor workspace and the rules crate build in their own directories: workspaces with different
# lock files must not share one, or cargo reuses an artifact of one for the other and the bank then
# fails with E0308 "multiple different versions of crate" (seen in CI).
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  anchor_target="$CARGO_TARGET_DIR/anchor-workspace"
  rules_target="$CARGO_TARGET_DIR/rules-crate"
else
  anchor_target="target"
  rules_target="programs/exec-trade-rules/target"
fi

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "rules crate"
cargo test --manifest-path programs/exec-trade-rules/Cargo.toml --target-dir "$rules_target"
cargo clippy --manifest-path programs/exec-trade-rules/Cargo.toml --target-dir "$rules_target" --all-targets -- -D warnings

step "program: clippy"
cargo clippy -p exec-trade --target-dir "$anchor_target" --all-targets -- -D warnings

step "native bank: build (local chain, IDL builder) and harness tests"
cargo build --manifest-path programs/exec-trade-bank/Cargo.toml --bins
cargo clippy --manifest-path programs/exec-trade-bank/Cargo.toml --all-targets -- -D warnings
cargo test --manifest-path programs/exec-trade-bank/Cargo.toml

step "program: IDL from source matches the committed IDL"
bank_target="${CARGO_TARGET_DIR:-programs/exec-trade-bank/target}"
"$bank_target/debug/exec-trade-idl" check

step "program: unit tests (IDL-builder tests included)"
cargo test -p exec-trade --target-dir "$anchor_target" --features idl-build

step "vitest"
npx vitest run

step "API contract: schemathesis against the demo engine"
venv="${SCHEMATHESIS_VENV:-$HOME/.cache/exec-trade/schemathesis-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r scripts/api-contract/requirements.txt
npx tsx scripts/api-contract/run.ts --st "$venv/bin/st" --max-time "${SCHEMATHESIS_MAX_TIME:-120}"
