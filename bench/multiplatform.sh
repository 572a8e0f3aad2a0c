#!/usr/bin/env bash
# bench/multiplatform.sh - two-platform builds (--custom-platform linux/amd64,linux/arm64), kiln launchers side by side
# (hyperfine), as root on an amd64 machine with testbed/binfmt.sh set up and busybox:multi pushed (bin/test does both).
#
# usage: bench/multiplatform.sh [LAUNCHER...]   (default: bin/kiln; give two to compare before/after in one run)
#   m-shared  a FROM --platform=$BUILDPLATFORM stage the same for both platforms (a 64 MiB RUN), then per-platform steps
#   m-own     nothing shared: a RUN per platform (arm64 under QEMU)
# Each build writes an OCI layout (--no-push), without --cache. Prints median wall s and mean user+system CPU s.
# env: KILN_TEST_REGISTRY (127.0.0.1:5000), KILN_BENCH_RUNS (5), KILN_BENCH_DIR (/tmp)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "bench/multiplatform.sh: needs hyperfine" >&2; exit 2; }
LAUNCHERS=("$@"); [ ${#LAUNCHERS[@]} -gt 0 ] || LAUNCHERS=("$ROOT/bin/kiln")
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}" RUNS="${KILN_BENCH_RUNS:-5}"
W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-mp-XXXXXX")"; trap 'rm -rf "$W"' EXIT
printf '\nload average %s; %s runs each; median wall s / mean CPU s\n\n| case |' "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS"
for k in "${LAUNCHERS[@]}"; do printf ' %s |' "$k"; done; printf '\n|---|'; for k in "${LAUNCHERS[@]}"; do printf -- '---|'; done; echo
for c in m-shared m-own; do
  args=(); i=0
  for k in "${LAUNCHERS[@]}"; do
    i=$((i + 1))
    args+=(-n "$i" "$k build -c $ROOT/bench/workloads/$c --build-arg REGISTRY=$REG --insecure-pull --no-push --custom-platform linux/amd64,linux/arm64 --oci-layout-path $W/out-$i")
  done
  hyperfine -N --runs "$RUNS" --warmup 1 --style none --prepare "rm -rf $W/out-1 $W/out-2 $W/out-3" --export-json "$W/$c.json" "${args[@]}" >/dev/null 2>&1
  printf '| %s |' "$c"
  jq -r '.results[] | "\(.median) \(.user + .system)"' "$W/$c.json" | while read -r m cpu; do printf ' %.2f / %.2f |' "$m" "$cpu"; done
  echo
done
