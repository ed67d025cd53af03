#!/usr/bin/env bash
# Installs what the system tests need outside Maven, idempotently and without questions:
#   - Debian's chromium (the browser the index-page test drives), only if /usr/bin/chromium is missing;
#   - iproute2 (the partition tests make network namespaces with `ip`), only if `ip` is missing;
#   - python3-websocket (the README's Python example runs on /usr/bin/python3 in ResumeIT);
#   - the Node packages of system-tests/js (certstream, playwright-core, ws, ...) from package-lock.json,
#     only if node_modules does not already match the lock file.
# Playwright never downloads a browser here: the tests point it at /usr/bin/chromium.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JS="$HERE/js"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

if [[ ! -x /usr/bin/chromium ]]; then
  echo "install-test-deps: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends chromium
else
  echo "install-test-deps: chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))" >&2
fi

if ! command -v ip >/dev/null; then
  echo "install-test-deps: installing iproute2" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends iproute2
fi

if ! /usr/bin/python3 -c 'import websocket' 2>/dev/null; then
  echo "install-test-deps: installing Debian's python3-websocket" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends python3 python3-websocket
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install-test-deps: node and npm are required (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi

# A copy of the lock file that was installed sits in node_modules: while it equals the committed one,
# nothing changed since the last install and npm ci (which deletes node_modules first) is skipped.
stamp="$JS/node_modules/.installed-lock"
if [[ -f "$stamp" ]] && cmp -s "$stamp" "$JS/package-lock.json" \
    && [[ -d "$JS/node_modules/certstream" && -d "$JS/node_modules/playwright-core" && -d "$JS/node_modules/ws" ]]; then
  echo "install-test-deps: node packages up to date in $JS" >&2
else
  echo "install-test-deps: npm ci in $JS" >&2
  (cd "$JS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$JS/package-lock.json" "$stamp"
fi
echo "install-test-deps: done" >&2
