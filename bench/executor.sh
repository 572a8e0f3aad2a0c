#!/usr/bin/env bash
# bench/executor.sh - whole builds in kiln's executor image, in place, as a Kubernetes pod runs them: the image runs in
# the test bed's containerd (testbed/ctr-run.sh: default capabilities, NoNewPrivs, the context bind-mounted at
# /workspace) and pushes to the test registry. Two variants of the JVM's command line are timed in alternating runs
# (A, B, A, B, ...), so a launch option can be compared on the same image under the same load.
#
# usage: bench/executor.sh IMAGE [CASE...]      (cases: a b d, default all; bench/workloads/<case>)
#   IMAGE      the executor image in the registry, e.g. 127.0.0.1:5000/kiln-test/executor:latest (the tests push it;
#              or executor/build.sh --push 127.0.0.1:5000/kiln/executor -- --insecure --insecure-pull)
# env: KILN_BENCH_A_OPTS ("")  KILN_BENCH_B_OPTS ("-Djdk.lang.Process.launchMechanism=FORK"): JVM options of the two
#      variants, put before the image's own; KILN_BENCH_RUNS (5); KILN_TEST_REGISTRY (127.0.0.1:5000);
#      KILN_TESTBED_DIR (containerd's state, as testbed/containerd.sh); KILN_BENCH_KEEP=1 keeps the scratch dir
# Prints a markdown table: median wall seconds of each variant (container start and exit included), B / A, and in how
# many of the pairs A was the faster.
# 2026-12-07: posix_spawn (A) against fork (B): see bench/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "bench/executor.sh: needs root (containerd)" >&2; exit 2; }
[ $# -ge 1 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
IMAGE="$1"; shift
CASES=("$@"); [ ${#CASES[@]} -gt 0 ] || CASES=(a b d)
for t in jq skopeo; do command -v "$t" >/dev/null || { echo "bench: needs $t (apt-get install $t)" >&2; exit 2; }; done
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}" RUNS="${KILN_BENCH_RUNS:-5}"
A_OPTS="${KILN_BENCH_A_OPTS:-}" B_OPTS="${KILN_BENCH_B_OPTS:--Djdk.lang.Process.launchMechanism=FORK}"
"$ROOT/testbed/containerd.sh" status >/dev/null 2>&1 || { echo "bench: containerd is not running (testbed/containerd.sh start)" >&2; exit 2; }

W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-executor-XXXXXX")"
if [ "${KILN_BENCH_KEEP:-0}" = 1 ]; then echo "bench: scratch dir kept: $W" >&2; else trap 'rm -rf "$W"' EXIT; fi
mkdir -p "$W/bin" "$W/logs" "$W/times"
NONCE="$(date +%s)"

# the image's entrypoint: the loader and java first, then the JVM options of a variant, then the rest
mapfile -t EP < <(skopeo inspect --tls-verify=false --config "docker://$IMAGE" | jq -r '.config.Entrypoint[]')
[ "${#EP[@]}" -gt 4 ] && [ "${EP[3]}" = /kiln/jre/bin/java ] || { echo "bench: unexpected entrypoint: ${EP[*]}" >&2; exit 2; }
"$ROOT/testbed/ctr-run.sh" "$IMAGE" "${EP[@]}" --version >/dev/null   # pulled once, untimed

wrapper() {   # wrapper VARIANT CASE OPTS
  local v="$1" c="$2" opts=() argv
  read -r -a opts <<<"$3"
  argv="$(printf '%q ' "${EP[@]:0:4}" "${opts[@]}" "${EP[@]:4}" --context /workspace --insecure --insecure-pull \
    --build-arg "REG=$REG")"
  cat >"$W/bin/$v-$c" <<EOF
#!/usr/bin/env bash
exec $(printf '%q ' "$ROOT/testbed/ctr-run.sh") --no-pull --no-new-privs -v $(printf '%q' "$W/ctx/$c"):/workspace \
  $(printf '%q' "$IMAGE") $argv --destination "$REG/bench/executor-${v,,}-$c-$NONCE-\$(date +%s%N):latest" >>"$W/logs/$v-$c.log" 2>&1
EOF
  chmod +x "$W/bin/$v-$c"
}

timed() {   # timed VARIANT CASE: one run, its wall seconds appended to times/VARIANT-CASE
  local s e
  s="$(date +%s%N)"
  "$W/bin/$1-$2" || { echo "bench: $1-$2 failed:" >&2; tail -n 15 "$W/logs/$1-$2.log" >&2; exit 1; }
  e="$(date +%s%N)"
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >>"$W/times/$1-$2"
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

T0="$(date +%s)"
for c in "${CASES[@]}"; do
  "$ROOT/bench/workloads/contexts.sh" "$c" "$W/ctx/$c"
  wrapper A "$c" "$A_OPTS"; wrapper B "$c" "$B_OPTS"
  for i in $(seq "$RUNS"); do timed A "$c"; timed B "$c"; done
  echo "[bench] $c: A $(tr '\n' ' ' <"$W/times/A-$c")| B $(tr '\n' ' ' <"$W/times/B-$c")" >&2
done

printf '\nexecutor image %s; A: [%s], B: [%s]; %s runs each, alternating; load average at the end: %s; %s min\n\n' \
  "$IMAGE" "$A_OPTS" "$B_OPTS" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( ($(date +%s) - T0 + 59) / 60 ))"
echo '| workload | A (s) | B (s) | B / A | runs A faster |'
echo '|---|---|---|---|---|'
for c in "${CASES[@]}"; do
  a="$(median "$W/times/A-$c")"; b="$(median "$W/times/B-$c")"
  won="$(paste "$W/times/A-$c" "$W/times/B-$c" | awk '$1 < $2 { n++ } END { print n + 0 }')"
  printf '| %s | %s | %s | %s | %s of %s |\n' "$c" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')" \
    "$won" "$RUNS"
done
