#!/usr/bin/env bash
# The image's entrypoint: `IMAGE watcher|broker|gateway` runs that role through bin/certstream
# (`IMAGE parse FILE...` renders certificate files). The JVM flags every container needs go first in
# JAVA_OPTS and a JAVA_OPTS from the manifest is appended: it can add flags, and override
# MaxRAMPercentage (the last occurrence wins), without losing the exit on OutOfMemoryError.
set -euo pipefail

case "${1:-}" in
  watcher|broker|gateway|parse) ;;
  *)
    echo "usage: IMAGE watcher|broker|gateway   (or: IMAGE parse FILE...)" >&2
    exit 2 ;;
esac

# A JVM that ran out of memory keeps running broken and can block the cluster (toolchain notes): exit,
# and let Kubernetes restart it. 65% of the container limit for the heap leaves the rest for Netty's
# direct buffers, metaspace, thread stacks and Hazelcast.
export JAVA_OPTS="-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=65 ${JAVA_OPTS:-}"
exec "$(dirname "$0")/certstream" "$@"
