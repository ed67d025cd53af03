#!/usr/bin/env bash
# The image's entrypoint: `IMAGE watcher|broker|gateway` runs that role through bin/certstream
# (`IMAGE parse FILE...` renders certificate files).
set -euo pipefail

case "${1:-}" in
  watcher|broker|gateway|parse) ;;
  *)
    echo "usage: IMAGE watcher|broker|gateway   (or: IMAGE parse FILE...)" >&2
    exit 2 ;;
esac

# The heap follows the pod's memory limit: half of it, the rest for what bin/certstream bounds on its own
# (direct memory 128m, metaspace 96m, code cache 48m) plus threads, GC and malloc, so that heap + those
# caps stay under each Deployment's limit (deploy-tests MemoryFlagsTest checks the sum). The other JVM
# flags (GC, the exit on OutOfMemoryError, thread counts) come from bin/certstream; a JAVA_OPTS from the
# manifest is appended and wins over both (the last occurrence of a flag counts).
export JVM_HEAP="${JVM_HEAP:--XX:InitialRAMPercentage=10 -XX:MaxRAMPercentage=50}"
exec "$(dirname "$0")/certstream" "$@"
