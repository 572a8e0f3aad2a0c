#!/usr/bin/env bash
# bench/workloads.sh - issue 12's workloads, kiln vs buildah, one hyperfine run per workload, as root.
#
# usage: bench/workloads.sh [CASE...]      (cases: a b c d f g warm; default: all, in that order)
#   a     busybox: COPY 5 files, RUN                  b  debian + apt-get update/install (local apt repo, offline)
#   c     debian: COPY 5,000 files + 200 MB, RUN      d  two stages, debian -> busybox
#   f     debian: RUN makes 100,000 files, RUN touches 6
#   g     busybox: COPY 1 GiB in 100 files, RUN touches 1
#   warm  rebuild in which every step is a cache hit (kiln --cache --cache-copy-layers --cache-repo; buildah --layers)
# Dockerfiles and context generators: bench/workloads/<case>/Dockerfile, bench/workloads/contexts.sh.
# Cold cases (a-g): every timed build starts without caches: `buildah-build.sh --clean` runs before each run (hyperfine
# --prepare, for both builders, so both pay the same), kiln runs without --cache. Every run pushes to a new repository
# on the test registry ($REG/bench/<builder>-<case>-<nanos>), so no layer is found already there (base layers may be
# mounted from their own repository by either builder). warm: one untimed build (hyperfine --warmup 1) fills kiln's
# cache repository and buildah's layer cache, then the timed builds push to the same repository each time.
# Both builders: chroot isolation for RUN; buildah via testbed/buildah-build.sh (bud --layers, --pull, push).
# Prints a markdown table: median wall seconds (hyperfine), kiln/buildah ratio, peak RSS (largest process, MiB).
# env: KILN_TEST_REGISTRY (127.0.0.1:5000, with busybox:latest and debian:bookworm from testbed/base-images.sh)
#      KILN_BENCH_KILN    the kiln launcher to time (default bin/kiln of this checkout; e.g. a copy of main's)
#      KILN_BENCH_FLAGS   kiln flags (default "--isolation chroot"); KILN_BUILDAH_SH: the reference builder script
#      KILN_BENCH_RUNS (3), KILN_BENCH_BIG_RUNS (2: f and g), KILN_BENCH_F_DIRS (100) x KILN_BENCH_F_FILES (1000),
#      sizes of c, g, warm: see bench/workloads/contexts.sh; KILN_BENCH_DIR (/tmp): scratch space (~1.5 GiB);
#      KILN_BENCH_KEEP=1 keeps the scratch dir (contexts, logs, hyperfine JSON); KILN_BENCH_OUT=FILE: also write the table
#      KILN_BENCH_SETTLE (1): before each cold run, wait (untimed) for the previous kiln run's detached scratch deletion
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "bench/workloads.sh: needs root (chroot RUNs, overlay mounts, buildah)" >&2; exit 2; }
for t in hyperfine jq buildah; do
  command -v "$t" >/dev/null || { echo "bench/workloads.sh: needs $t (apt-get install $t)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench/workloads.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}"
KILN="${KILN_BENCH_KILN:-$ROOT/bin/kiln}"
read -r -a KFLAGS <<<"${KILN_BENCH_FLAGS:---isolation chroot}"
RUNS="${KILN_BENCH_RUNS:-3}" BIG_RUNS="${KILN_BENCH_BIG_RUNS:-2}"
BUILDAH_SH="${KILN_BUILDAH_SH:-}"
for c in "$ROOT/testbed/buildah-build.sh" "$ROOT/../shared/testbed/buildah-build.sh"; do
  [ -n "$BUILDAH_SH" ] || { [ -x "$c" ] && BUILDAH_SH="$c"; }
done
[ -n "$BUILDAH_SH" ] || { echo "bench: buildah-build.sh not found; set KILN_BUILDAH_SH" >&2; exit 2; }
CASES=("$@"); [ ${#CASES[@]} -gt 0 ] || CASES=(a b c d f g warm)
for c in "${CASES[@]}"; do
  [ -f "$ROOT/bench/workloads/$c/Dockerfile" ] || { echo "bench: unknown case '$c' (a b c d f g warm)" >&2; exit 2; }
done
curl -fsS "http://$REG/v2/" >/dev/null || { echo "bench: no registry at $REG (testbed/registry.sh start)" >&2; exit 2; }

W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-workloads-XXXXXX")"
if [ "${KILN_BENCH_KEEP:-0}" = 1 ]; then echo "bench: scratch dir kept: $W" >&2; else trap 'rm -rf "$W"' EXIT; fi
mkdir -p "$W/bin" "$W/logs" "$W/json" "$W/rss"
NONCE="$(date +%s)"
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# A first kiln invocation may build the jar (and anything else the launcher prepares once): not timed.
"$KILN" version >"$W/logs/kiln-version.txt" 2>&1 || { cat "$W/logs/kiln-version.txt" >&2; exit 1; }

wrapper() {   # wrapper BUILDER CASE: a script hyperfine times; it builds and pushes one image and records peak RSS
  local b="$1" c="$2" dest cmd args=()
  [ "$c" = f ] && args+=(--build-arg "DIRS=${KILN_BENCH_F_DIRS:-100}" --build-arg "FILES=${KILN_BENCH_F_FILES:-1000}")
  if [ "$c" = warm ]; then dest="$REG/bench/$b-warm-$NONCE:latest"; else dest="$REG/bench/$b-$c-$NONCE-\$(date +%s%N):latest"; fi
  if [ "$b" = kiln ]; then
    cmd="$(printf '%q ' "$KILN" build --context "$W/ctx/$c" --insecure --insecure-pull --build-arg "REG=$REG" \
      "${KFLAGS[@]}" "${args[@]}")"
    [ "$c" = warm ] && cmd+="--cache --cache-copy-layers --cache-repo $REG/bench/kiln-warm-cache-$NONCE "
    cmd+="--destination \"$dest\""
  else
    cmd="$(printf '%q ' "$BUILDAH_SH" "$W/ctx/$c")\"$dest\" $(printf '%q ' --build-arg "REG=$REG" "${args[@]}")"
  fi
  cat >"$W/bin/$b-$c" <<EOF
#!/usr/bin/env bash
set -e
echo "=== \$(date +%T) $b $c" >>"$W/logs/$b-$c.log"
exec /usr/bin/time -a -o "$W/rss/$b-$c" -f %M $cmd >>"$W/logs/$b-$c.log" 2>&1
EOF
  chmod +x "$W/bin/$b-$c"
}

# Untimed, before each cold run: kiln hands the deletion of its scratch dirs to a detached process at exit (issue 12);
# the prepare step waits for the previous run's to finish (at most 2 min), as buildah's storage of the previous run is
# removed there too (--clean). KILN_BENCH_SETTLE=0 times kiln back to back instead (a deletion may overlap the next run).
SETTLE=""   # the [p]: the pattern does not match the prepare shell's own command line
if [ "${KILN_BENCH_SETTLE:-1}" = 1 ]; then
  SETTLE='for i in $(seq 600); do pgrep -f "kiln-cleanu[p] /" >/dev/null || break; sleep 0.2; done;'
fi

# median seconds of command NAME in hyperfine JSON FILE
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1"; }
rss_mib() { [ -s "$1" ] && awk '$1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { printf "%.0f", m / 1024 }' "$1" || echo -; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

log "kiln: $KILN ($(head -1 "$W/logs/kiln-version.txt")), flags: ${KFLAGS[*]}; buildah: $BUILDAH_SH; registry $REG"
T0="$(date +%s)"
for c in "${CASES[@]}"; do
  log "$c: making the context"
  "$ROOT/bench/workloads/contexts.sh" "$c" "$W/ctx/$c"
  wrapper kiln "$c"; wrapper buildah "$c"
  runs="$RUNS"; case "$c" in f|g) runs="$BIG_RUNS" ;; esac
  if [ "$c" = warm ]; then
    mode=(--warmup 1)
    "$BUILDAH_SH" --clean >/dev/null 2>&1 || true
  else
    mode=(--prepare "$SETTLE $BUILDAH_SH --clean >/dev/null 2>&1 || true")
  fi
  log "$c: hyperfine, $runs runs each"
  hyperfine --runs "$runs" "${mode[@]}" --export-json "$W/json/$c.json" --style basic \
    -n "kiln-$c" "$W/bin/kiln-$c" -n "buildah-$c" "$W/bin/buildah-$c" >&2 || {
      log "$c failed; last lines of the logs:"; tail -n 15 "$W/logs/kiln-$c.log" "$W/logs/buildah-$c.log" >&2; exit 1; }
  case "$c" in c|g) rm -rf "${W:?}/ctx/$c" ;; esac   # free the disk early
done
"$BUILDAH_SH" --clean >/dev/null 2>&1 || true

{
  printf '\nkiln: %s (%s); buildah: %s; %s runs (f, g: %s); load average at the end: %s; %s min\n\n' \
    "$(head -1 "$W/logs/kiln-version.txt")" "$KILN" "$(buildah --version | awk '{print $3}')" "$RUNS" "$BIG_RUNS" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(( ($(date +%s) - T0 + 59) / 60 ))"
  echo '| workload | kiln (s) | buildah (s) | kiln / buildah | kiln peak RSS (MiB) | buildah peak RSS (MiB) |'
  echo '|---|---|---|---|---|---|'
  for c in "${CASES[@]}"; do
    k="$(median "$W/json/$c.json" "kiln-$c")"; b="$(median "$W/json/$c.json" "buildah-$c")"
    printf '| %s | %.2f | %.2f | %s | %s | %s |\n' "$c" "$k" "$b" "$(ratio "$k" "$b")" \
      "$(rss_mib "$W/rss/kiln-$c")" "$(rss_mib "$W/rss/buildah-$c")"
  done
} | tee ${KILN_BENCH_OUT:+"$KILN_BENCH_OUT"}
