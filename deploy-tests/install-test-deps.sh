#!/usr/bin/env bash
# Installs what SchemaValidationTest needs: the npm packages kubernetes-models and js-yaml, exactly as
# pinned in deploy-tests/js/package-lock.json. Idempotent: does nothing when they are already installed
# from the current lock file. Needs node and npm (Debian: apt-get install -y nodejs npm).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/js"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-test-deps: '$tool' is not installed (apt-get install -y nodejs npm)" >&2; exit 1; }
done

# npm keeps a copy of the lock it installed from in node_modules/; newer than the lock means current.
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]] \
    && npm ls --depth=0 >/dev/null 2>&1; then
  echo "install-test-deps: deploy-tests/js is up to date"
  exit 0
fi

# The packages declare node >= 22 but run on Debian's node 20 (their validators are plain ajv).
npm ci --no-audit --no-fund --engine-strict=false --loglevel=error
echo "install-test-deps: installed $(npm ls --depth=0 --parseable | tail -n +2 | xargs -n1 basename | tr '\n' ' ')"
