#!/usr/bin/env bash
# bench/context-s3-2gib.sh - peak RSS of a kiln build whose context is a 2 GiB tar in S3 (issue 8: < 300 MiB).
#
# usage: bench/context-s3-2gib.sh [SIZE_MIB]     (default 2048)
# Starts S3Proxy with testbed/s3.sh (if not running), makes an uncompressed context tar of SIZE_MIB (32 files,
# half random, half zeros), uploads it to s3://kiln/bench/ctx.tar, then runs under GNU time
#   bin/kiln build -c s3://kiln/bench/ctx.tar --no-push --oci-layout-path DIR     (FROM scratch, COPY . /ctx/)
# and prints wall time, peak RSS, the unpack figures kiln logged and the layer size. The context is unpacked while
# it downloads, so peak RSS stays far below the archive size. Needs ~3x SIZE_MIB of free disk in $TMPDIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MIB="${1:-2048}"
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get install -y -qq time >/dev/null; }

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -d "$ROOT/target/lib" ] || (cd "$ROOT" && mvn -B -q -DskipTests package)
W="$(mktemp -d "${TMPDIR:-/tmp}/kiln-bench-XXXXXX")"
trap 'rm -rf "$W"' EXIT
"$ROOT/testbed/s3.sh" start 9000 >/dev/null 2>&1 || "$ROOT/testbed/s3.sh" start 9000
eval "$("$ROOT/testbed/s3.sh" env 9000)"

mkdir -p "$W/ctx/data"
n=32; per=$((SIZE_MIB / n)); half=$((per / 2))
for i in $(seq -w 1 "$n"); do
  { head -c "$((half * 1024 * 1024))" /dev/urandom; head -c "$(((per - half) * 1024 * 1024))" /dev/zero; } >"$W/ctx/data/part-$i.bin"
done
printf 'FROM scratch\nCOPY . /ctx/\n' >"$W/ctx/Dockerfile"
tar -C "$W/ctx" -cf "$W/ctx.tar" .
rm -rf "$W/ctx"
"$JAVA_HOME/bin/java" -cp "$ROOT/target/lib/*" "$ROOT/bench/S3Upload.java" "$W/ctx.tar" kiln bench/ctx.tar   # multipart
tar_mib=$(( $(stat -c %s "$W/ctx.tar") / 1024 / 1024 ))
rm -f "$W/ctx.tar"
"$ROOT/bin/kiln" version >/dev/null   # build kiln first, outside the measurement

/usr/bin/time -v -o "$W/time.txt" "$ROOT/bin/kiln" build -c s3://kiln/bench/ctx.tar --no-push \
  --oci-layout-path "$W/oci" >"$W/out.txt" 2>&1 || { cat "$W/out.txt" "$W/time.txt" >&2; exit 1; }
wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$W/time.txt")"
rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/time.txt")"
layer="$(find "$W/oci/blobs/sha256" -type f -size +1M -printf '%s\n' | sort -n | tail -1)"
printf 'context tar in S3: %d MiB\nwall: %s\npeak RSS: %d MiB\nlayer blob: %d MiB\n' \
  "$tar_mib" "$wall" "$((rss_kb / 1024))" "$((layer / 1024 / 1024))"
grep -E 'unpacked|downloading' "$W/out.txt" || true
rm -f "${KILN_TESTBED_DIR:-/tmp/kiln-testbed}/s3/9000/data/kiln/bench/ctx.tar"   # the object, not the server
