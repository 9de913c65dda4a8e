#!/usr/bin/env bash
# `npm test`: type check, lint, format check, then every jest suite (API and LWC projects in one run).
# Runs every step even when one fails, so one run shows all that is wrong; exits non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

failed_steps=()
step() {
  local name="$1"; shift
  echo "── $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

step "typecheck" npx tsc -p tsconfig.json --noEmit
step "lint" npx eslint --max-warnings 0 .
step "format" npx prettier --check --log-level warn .

results="$(mktemp /tmp/overlap-jest.XXXXXX.json)"
step "jest" npx jest --ci --silent --json --outputFile "$results"

node -e '
  const fs = require("fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { /* jest did not finish */ }
  const passed = r.numPassedTests ?? 0, failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results"
rm -f "$results"

if (( ${#failed_steps[@]} )); then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
