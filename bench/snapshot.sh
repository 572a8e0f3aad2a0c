#!/usr/bin/env bash
# bench/snapshot.sh - time to snapshot one RUN in walk and overlay modes (issue 4, part 5). Needs root (overlay mount).
#
# usage: bench/snapshot.sh [REPS]      (default 5; env KILN_BENCH_DIR picks the scratch dir, default /tmp)
# Two rootfs shapes on the Debian bookworm minbase rootfs tarball (plain directories when it is absent):
# (a) +100,000 small files, (b) +1 GiB in 100 files. The RUN appends to one file, creates a dir and a file,
# deletes one and touches a few existing small files. Printed per shape: walk = index after the RUN + diff +
# layer (the index before the RUN is the previous snapshot, already in memory); overlay = layer from the
# upper dir after `sh -c RUN` in the merged mount. Targets: overlay <= 50 ms, walk <= 500 ms.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPS="${1:-5}"
DEBIAN_TAR="${KILN_DEBIAN_ROOTFS:-/tmp/kiln-testbed/base-images/debian/rootfs-bookworm-minbase-amd64.tar}"
[ "$(id -u)" = 0 ] || { echo "bench/snapshot.sh: needs root (overlay mounts)" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$ROOT"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-snapshot-XXXXXX")"
cleanup() { grep -o " $W/[^ ]*/merged " /proc/mounts | while read -r m; do umount "$m" || true; done; rm -rf "$W"; }
trap cleanup EXIT
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  dev.kiln.fs.snapshot.SnapshotBench "$W" "$DEBIAN_TAR" "$REPS"
