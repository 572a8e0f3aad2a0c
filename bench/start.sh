#!/usr/bin/env bash
# bench/start.sh - kiln's fixed cost per invocation (issue 12 part 1), with hyperfine: `kiln --version` and a
# `FROM scratch` + COPY (5 small files) build to an OCI layout, whole processes through the launcher.
#
# usage: bench/start.sh [LAUNCHER...]   (default: bin/kiln of this checkout; give two to compare, e.g. a copy of
#                                        main's launcher and jar as "before" and bin/kiln as "after", in one run)
# env: KILN_BENCH_RUNS (10), KILN_BENCH_KEEP=1 keeps the scratch dir. Targets on a quiet machine: --version <= 0.3 s,
# the scratch build <= 0.6 s. Each launcher runs once untimed first (it may build the jar or its AOT cache).
# Also prints user+system CPU seconds, which depend much less on the machine's load than wall time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v hyperfine >/dev/null || { echo "bench/start.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
LAUNCHERS=("$@"); [ ${#LAUNCHERS[@]} -gt 0 ] || LAUNCHERS=("$ROOT/bin/kiln")
RUNS="${KILN_BENCH_RUNS:-10}"
W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-start-XXXXXX")"
if [ "${KILN_BENCH_KEEP:-0}" = 1 ]; then echo "bench: scratch dir kept: $W" >&2; else trap 'rm -rf "$W"' EXIT; fi
mkdir -p "$W/ctx"
for i in 1 2 3 4 5; do echo "file $i" >"$W/ctx/f$i.txt"; done
printf 'FROM scratch\nCOPY f1.txt f2.txt f3.txt f4.txt f5.txt /app/\n' >"$W/ctx/Dockerfile"

args=(); i=0
for k in "${LAUNCHERS[@]}"; do
  i=$((i + 1))
  "$k" --version >/dev/null   # untimed: first-use work of the launcher
  args+=(-n "$i version" "$k --version")
done
hyperfine -N --runs "$RUNS" --warmup 1 --style basic --export-json "$W/version.json" "${args[@]}" >&2
args=(); i=0
for k in "${LAUNCHERS[@]}"; do
  i=$((i + 1))
  args+=(-n "$i scratch" "$k build --context $W/ctx --no-push --oci-layout-path $W/out-$i")
done
hyperfine -N --runs "$RUNS" --warmup 1 --style basic --prepare "rm -rf $W/out-1 $W/out-2 $W/out-3 $W/out-4" \
  --export-json "$W/scratch.json" "${args[@]}" >&2

printf '\nload average %s; %s runs each; median wall s, mean user+system CPU s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS"
echo '| launcher | --version wall | --version CPU | FROM scratch + COPY wall | FROM scratch + COPY CPU |'
echo '|---|---|---|---|---|'
i=0
for k in "${LAUNCHERS[@]}"; do
  i=$((i + 1))
  row() { jq -r --arg n "$i $2" '.results[] | select(.command == $n) | "\(.median) \(.user + .system)"' "$W/$1.json"; }
  read -r vw vc <<<"$(row version version)"; read -r sw sc <<<"$(row scratch scratch)"
  printf '| %s | %.3f | %.3f | %.3f | %.3f |\n' "$k" "$vw" "$vc" "$sw" "$sc"
done
