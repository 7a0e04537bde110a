#!/usr/bin/env bash
# The README's test command: everything, in order, each stage timed; exits non-zero on any failure
# and ends with one summary line of the tests counted.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
failed_stages=()
passed=0
failed=0

# Runs one stage; a failed stage that counted no failed test (a build, lint or type-check, or a
# suite that could not start) counts as one failure, so the summary never reads "0 failed" on red.
stage() {
  local name=$1; shift
  local started=$SECONDS failed_before=$failed
  echo "=== $name"
  if "$@"; then
    echo "=== $name: ok ($((SECONDS - started)) s)"
  else
    echo "=== $name: FAILED ($((SECONDS - started)) s)"
    failed_stages+=("$name")
    [ "$failed" -gt "$failed_before" ] || failed=$((failed + 1))
  fi
}

# Adds the pass/fail counts that a TAP file (node's test runner) ends with.
count_tap() {
  local file=$1 p f
  p=$(grep -E '^# pass [0-9]+' "$file" 2>/dev/null | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$file" 2>/dev/null | tail -1 | awk '{print $3}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

node_tests() {
  local name=$1; shift
  node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="test-artifacts/$name.tap" "$@"
  local status=$?
  count_tap "test-artifacts/$name.tap"
  return $status
}

CHROMIUM_PATH=$(bash scripts/ensure-chromium.sh) || { failed_stages+=("chromium"); failed=$((failed + 1)); }
export CHROMIUM_PATH

stage build npm run --silent build
stage lint npx eslint --max-warnings 0 .
stage typecheck npm run --silent typecheck
stage "unit tests" node_tests unit test/unit/*.test.ts
stage "webview tests (Chromium)" node_tests webview test/webview/*.test.ts

# Mocha inside a real VS Code's extension host, both kinds, each installed into a cache on first use:
# code-server (Node extension host, like desktop) and VS Code for the Web (web worker extension host).
# Each runner's report ends with TAP-style "# pass N" / "# fail N" lines in its log.
integration_tests() {
  local runner=$1 log=$2
  node "$runner"
  local status=$?
  count_tap "$log"
  return $status
}
stage "package (.vsix: npm run package, its contents, installed into code-server)" integration_tests scripts/package/check-vsix.mjs test-artifacts/vsix.tap
stage "integration tests (VS Code, Node extension host)" integration_tests scripts/vscode/run-integration-tests.mjs test-artifacts/integration.log
stage "integration tests (VS Code for the Web, web worker extension host)" integration_tests scripts/vscode-web/run-integration-tests.mjs test-artifacts/web/integration.log
# A person's view: Playwright drives the real workbench (code-server) in Chromium.
stage "UI tests (VS Code workbench in Chromium)" integration_tests scripts/vscode/run-ui-tests.mjs test-artifacts/ui.tap

[ ${#failed_stages[@]} -eq 0 ] || echo "Failed stages: ${failed_stages[*]}"
echo "tests: $passed passed, $failed failed"
[ ${#failed_stages[@]} -eq 0 ]
