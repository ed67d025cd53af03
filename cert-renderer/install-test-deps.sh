#!/usr/bin/env bash
# Installs what the differential fuzzer (DifferentialFuzzTest) needs: gcc and libcrypto's headers, to build
# src/test/c/openssl-fuzz-oracle.c against the machine's OpenSSL 3. Idempotent: does nothing when both exist.
set -euo pipefail

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

if command -v gcc >/dev/null 2>&1 && [[ -f /usr/include/openssl/x509v3.h ]]; then
  echo "install-test-deps: gcc and libssl-dev present ($(openssl version 2>/dev/null || echo 'openssl CLI missing'))" >&2
  exit 0
fi
echo "install-test-deps: installing gcc and libssl-dev for the OpenSSL differential fuzzer" >&2
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -q
as_root apt-get install -y -q --no-install-recommends gcc libc6-dev libssl-dev openssl
