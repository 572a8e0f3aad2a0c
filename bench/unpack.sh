#!/usr/bin/env bash
# bench/unpack.sh - base-layer unpacking and COPY-layer application, kiln against kiln (before/after), one run.
#
# usage: bench/unpack.sh JAR_DIR_A JAR_DIR_B [REPS]      (each dir holds kiln.jar and lib/ of one kiln build;
#        KILN_BENCH_CASES="a c e" picks cases)
# Cases, each built with --no-push --oci-layout-path --isolation chroot --reproducible from the test registry
# (testbed/base-images.sh, 127.0.0.1:5000):
#   a  FROM debian:bookworm + RUN true                 (the 116 MB Debian layer extracted for the RUN)
#   c  FROM busybox + COPY 5,000 files / 200 MB + RUN   (the COPY layer reaches the rootfs for the RUN)
#   e  FROM debian:bookworm + COPY one file, no RUN     (nothing extracted; the base is only indexed)
# Runs A and B alternately REPS times (default 3) so both see the same machine load; prints each wall time, CPU
# time (user + sys, less sensitive to a loaded machine), peak RSS and the image digest (the same for A and B when
# the speed work changed no output), then the medians of wall and CPU time.
set -euo pipefail
A="$1"; B="$2"; REPS="${3:-3}"
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
W="$(mktemp -d "${TMPDIR:-/tmp}/kiln-unpack-XXXXXX")"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/a" "$W/c/files" "$W/e"
printf 'FROM %s/debian:bookworm\nRUN true\n' "$REG" >"$W/a/Dockerfile"
printf 'FROM %s/busybox:latest\nCOPY files /files\nRUN true\n' "$REG" >"$W/c/Dockerfile"
printf 'FROM %s/debian:bookworm\nCOPY hello.txt /hello.txt\n' "$REG" >"$W/e/Dockerfile"
echo hello >"$W/e/hello.txt"
python3 - "$W/c/files" <<'PY'
import os, sys
for d in range(50):
    os.makedirs(f"{sys.argv[1]}/d{d}")
    for i in range(100):
        with open(f"{sys.argv[1]}/d{d}/f{i}", "wb") as f:
            f.write(os.urandom(20000) + bytes(20000))
PY

build() {   # build JAR_DIR CASE -> "wall cpu rss_mib digest"
  local out="$W/out-$RANDOM"
  /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$JAVA" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -jar "$1/kiln.jar" build --context "$W/$2" --no-push --oci-layout-path "$out/oci" --isolation chroot \
    --insecure-registry "$REG" --reproducible >"$out.log" 2>&1 || { cat "$out.log" >&2; exit 1; }
  read -r wall user sys rss <"$out.time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((rss / 1024)) $(grep -o 'built image sha256:[0-9a-f]*' "$out.log" | cut -c13-30)"
  rm -rf "$out" "$out.log" "$out.time"
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

for c in ${KILN_BENCH_CASES:-a c e}; do
  : >"$W/$c.A"; : >"$W/$c.B"
  for r in $(seq 1 "$REPS"); do
    ra="$(build "$A" "$c")"; rb="$(build "$B" "$c")"
    echo "$c run $r (wall s, cpu s, rss MiB, digest): A $ra | B $rb"
    echo "$ra" >>"$W/$c.A"; echo "$rb" >>"$W/$c.B"
  done
  for k in 1 2; do
    ma="$(cut -d' ' -f$k "$W/$c.A" | median)"; mb="$(cut -d' ' -f$k "$W/$c.B" | median)"
    echo "$c median $([ $k = 1 ] && echo wall || echo cpu): A ${ma}s B ${mb}s  B/A $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", b / a}')"
  done
done
