#!/usr/bin/env bash
# bench/build-vs-buildah.sh - whole builds, kiln vs buildah, same Dockerfiles, one run. Needs root.
#
# usage: bench/build-vs-buildah.sh            (env: KILN_TEST_REGISTRY, default 127.0.0.1:5000, with busybox:latest and
#                                              debian:bookworm pushed by testbed/base-images.sh; KILN_BUILDAH_SH: the
#                                              reference builder script, default testbed/ or ../shared/testbed/buildah-build.sh)
# kiln: bin/kiln build --isolation chroot --snapshot-mode overlay, pushing to $REG/bench/kiln-<case>.
# buildah: buildah-build.sh (buildah bud --layers, chroot isolation, then push) to $REG/bench/buildah-<case>.
# Each is timed cold and warm: kiln has no cache yet, so "warm" is simply a second build (base layers are pulled from
# the local registry every time); buildah cold = after `buildah-build.sh --clean` (no images, no layer cache), warm =
# the same build again (every step cached). Cases:
#   busybox  FROM busybox + ENV/WORKDIR/COPY x2/RUN/USER/CMD
#   apt      FROM debian:bookworm + apt-get update && apt-get install -y --no-install-recommends hello (needs the network)
#   100k     FROM debian:bookworm, RUN makes 100,000 small files, then a RUN that touches a few: the second RUN's
#            snapshot time from kiln's debug event (SnapshotStats elapsed) vs buildah's whole (cold/warm) build
# Prints a table with wall times in seconds and the kiln/buildah ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "bench/build-vs-buildah.sh: needs root (chroot RUNs, overlay mounts, buildah)" >&2; exit 2; }
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}"
BUILDAH_SH="${KILN_BUILDAH_SH:-}"
if [ -z "$BUILDAH_SH" ]; then
  for c in "$ROOT/testbed/buildah-build.sh" "$ROOT/../shared/testbed/buildah-build.sh" "$ROOT/../../shared/testbed/buildah-build.sh"; do
    [ -x "$c" ] && { BUILDAH_SH="$c"; break; }
  done
fi
[ -n "$BUILDAH_SH" ] || { echo "bench: buildah-build.sh not found; set KILN_BUILDAH_SH" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$ROOT" && mvn -B -q -DskipTests package >/dev/null)

W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-bvb-XXXXXX")"
trap 'rm -rf "$W"' EXIT
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# ---------------------------------------------------------------- contexts (one Dockerfile per case, ARG REG for FROM)
mkdir -p "$W/busybox" "$W/apt" "$W/100k"
echo "hello from a context file" >"$W/busybox/a.txt"
echo "second context file" >"$W/busybox/b.txt"
cat >"$W/busybox/Dockerfile" <<'EOF'
ARG REG
FROM ${REG}/busybox:latest
ENV APP_HOME=/app GREETING=hi
WORKDIR /app
COPY a.txt /app/
COPY b.txt /app/conf/
RUN echo "app:x:1234:1234::/app:/bin/sh" >> /etc/passwd && echo "app:x:1234:" >> /etc/group && chown -R 1234:1234 /app && cat a.txt conf/b.txt > all.txt
USER app
CMD ["cat", "/app/all.txt"]
EOF
cat >"$W/apt/Dockerfile" <<'EOF'
ARG REG
FROM ${REG}/debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends hello && rm -rf /var/lib/apt/lists/*
CMD ["hello"]
EOF
cat >"$W/100k/Dockerfile" <<'EOF'
ARG REG
FROM ${REG}/debian:bookworm
RUN mkdir /data && cd /data && for i in $(seq 1 100); do mkdir d$i; for j in $(seq 1 1000); do echo "$i $j" > d$i/f$j; done; done
RUN echo more >> /data/d1/f1 && touch /data/d50/f500 && mkdir /data/new && echo n > /data/new/f && rm /data/d99/f99
EOF

kiln_build() {   # kiln_build CASE TAG -> prints seconds; log in $W/kiln-CASE-TAG.log
  local t; t="$(now)"
  "$ROOT/bin/kiln" build -c "$W/$1" -d "$REG/bench/kiln-$1:$2" --insecure --insecure-pull --build-arg "REG=$REG" \
    --isolation chroot --snapshot-mode overlay -v debug 2>"$W/kiln-$1-$2.log" >&2 \
    || { echo "bench: kiln build of $1 failed:" >&2; tail -20 "$W/kiln-$1-$2.log" >&2; exit 1; }
  since "$t"
}

buildah_build() {   # buildah_build CASE TAG -> prints seconds
  local t; t="$(now)"
  "$BUILDAH_SH" "$W/$1" "$REG/bench/buildah-$1:$2" --build-arg "REG=$REG" >"$W/buildah-$1-$2.log" 2>&1 \
    || { echo "bench: buildah build of $1 failed:" >&2; tail -20 "$W/buildah-$1-$2.log" >&2; exit 1; }
  since "$t"
}

# the elapsed time of the snapshot event of Dockerfile line 4 (the second RUN of case 100k), in ms
snapshot_ms() {
  sed -n 's/.*Dockerfile:4: SnapshotStats\[.*elapsed=PT\([0-9.]*\)S\].*/\1/p' "$1" | awk '{ printf "%.0f", $1 * 1000 }'
}

"$BUILDAH_SH" --clean >/dev/null 2>&1 || true
printf '\n%-8s | %10s %10s | %12s %12s | %11s %11s\n' case "kiln cold" "kiln warm" "buildah cold" "buildah warm" "ratio cold" "ratio warm"
printf -- '---------|-----------------------|---------------------------|------------------------\n'
declare -A KC KW BC BW
for c in busybox apt 100k; do
  KC[$c]="$(kiln_build "$c" cold)"
  KW[$c]="$(kiln_build "$c" warm)"
  "$BUILDAH_SH" --clean >/dev/null 2>&1 || true
  BC[$c]="$(buildah_build "$c" cold)"
  BW[$c]="$(buildah_build "$c" warm)"
  printf '%-8s | %9ss %9ss | %11ss %11ss | %11s %11s\n' "$c" "${KC[$c]}" "${KW[$c]}" "${BC[$c]}" "${BW[$c]}" \
    "$(ratio "${KC[$c]}" "${BC[$c]}")" "$(ratio "${KW[$c]}" "${BW[$c]}")"
done
s1="$(snapshot_ms "$W/kiln-100k-cold.log")"; s2="$(snapshot_ms "$W/kiln-100k-warm.log")"
printf '\n100k, second RUN (touches 5 paths among 100,000 new files): kiln overlay snapshot %s ms (cold) / %s ms (warm)\n' "${s1:-?}" "${s2:-?}"
printf '  vs buildah whole build %ss cold / %ss warm: ratio snapshot/build %s / %s\n' "${BC[100k]}" "${BW[100k]}" \
  "$(ratio "$(awk -v m="${s1:-0}" 'BEGIN { print m / 1000 }')" "${BC[100k]}")" \
  "$(ratio "$(awk -v m="${s2:-0}" 'BEGIN { print m / 1000 }')" "${BW[100k]}")"
printf '(kiln: %s; buildah: %s, %s)\n' "$("$ROOT/bin/kiln" version 2>/dev/null | head -1)" "$(buildah --version)" \
  "driver $(cat "${KILN_TESTBED_DIR:-/tmp/kiln-testbed}/buildah/driver" 2>/dev/null || echo '?')"
