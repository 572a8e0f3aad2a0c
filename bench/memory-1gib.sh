#!/usr/bin/env bash
# bench/memory-1gib.sh - wall time and peak RSS of a kiln build whose context holds one 1 GiB file.
#
# usage: bench/memory-1gib.sh [SIZE_MIB]     (default 1024)
#        KILN_BENCH_FLAGS="--compression zstd" bench/memory-1gib.sh    extra kiln build flags
# Builds `FROM scratch` + `COPY big.bin /big.bin` with --no-push --oci-layout-path into a temp dir, under
# GNU time, and prints wall seconds, peak RSS (MiB) and the layer size. The file is half random, half
# zeros, so gzip does real work on both kinds of data. Streaming means peak RSS stays far below the file
# size (target: < 300 MiB).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MIB="${1:-1024}"
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get install -y -qq time >/dev/null; }

W="$(mktemp -d "${TMPDIR:-/tmp}/kiln-bench-XXXXXX")"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/ctx"
half=$((SIZE_MIB / 2))
{ head -c "$((half * 1024 * 1024))" /dev/urandom; head -c "$(((SIZE_MIB - half) * 1024 * 1024))" /dev/zero; } >"$W/ctx/big.bin"
printf 'FROM scratch\nCOPY big.bin /big.bin\n' >"$W/ctx/Dockerfile"
"$ROOT/bin/kiln" --version >/dev/null   # build kiln first, outside the measurement

/usr/bin/time -v -o "$W/time.txt" "$ROOT/bin/kiln" build -c "$W/ctx" --no-push --oci-layout-path "$W/oci" \
  --verbosity warn ${KILN_BENCH_FLAGS:-} >"$W/out.txt" 2>&1 || { cat "$W/out.txt" "$W/time.txt" >&2; exit 1; }
wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$W/time.txt")"
rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/time.txt")"
layer="$(find "$W/oci/blobs/sha256" -type f -size +1M -printf '%s\n' | sort -n | tail -1)"
# reference point on the same data: GNU tar | gzip -6 | sha256sum (what a shell pipeline would cost)
/usr/bin/time -f '%e' -o "$W/ref.txt" sh -c "tar -C '$W/ctx' -cf - big.bin | gzip -6 | sha256sum >/dev/null"
printf 'context file: %d MiB\nwall: %s\npeak RSS: %d MiB\nlayer blob: %d MiB\ntar|gzip|sha256sum reference: %ss\n' \
  "$SIZE_MIB" "$wall" "$((rss_kb / 1024))" "$((layer / 1024 / 1024))" "$(cat "$W/ref.txt")"
