#!/usr/bin/env bash
# bench/pipeline.sh [RUNS] - whole builds, two kiln checkouts side by side in one hyperfine run (issue 12: work off
# the critical path, independent stages concurrently). Cases, both pushing to the test registry (chroot RUNs,
# overlay snapshots, `bin/kiln` incl. JVM start and the wait for the work dir's deletion at exit):
#   d      two-stage debian:bookworm -> busybox: a RUN makes 300 files and a tarball, the final stage COPYs them --from
#   e      two independent builder stages (debian: 30 MB random + 200 files; busybox: 20 MB + 200 files), a busybox
#          final stage COPYs --from both
# usage: KILN_BEFORE=/path/to/other/kiln/checkout [KILN_AFTER=...] bench/pipeline.sh [RUNS]   (default RUNS=5)
#   KILN_BEFORE must hold a built target/kiln.jar (e.g. a worktree of main after `mvn -DskipTests package`).
# Needs root, hyperfine (apt-get install hyperfine), the registry and base images of testbed/ (bin/test sets them up).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-5}"
REG="${KILN_TEST_REGISTRY:-127.0.0.1:5000}"
BEFORE="${KILN_BEFORE:?set KILN_BEFORE to the kiln checkout to compare with}"
AFTER="${KILN_AFTER:-$ROOT}"   # default: this checkout
[ "$(id -u)" = 0 ] || { echo "bench/pipeline.sh: needs root (chroot RUNs, overlay mounts)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench/pipeline.sh: apt-get install hyperfine" >&2; exit 2; }

W="$(mktemp -d "${KILN_BENCH_DIR:-/tmp}/kiln-bench-pipeline-XXXXXX")"
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/d" "$W/e"
cat >"$W/d/Dockerfile" <<'DF'
ARG REG
FROM ${REG}/debian:bookworm AS build
RUN mkdir -p /out && cd /out && for i in $(seq 1 300); do echo "file $i" > f$i; done && tar czf /out.tgz -C /out .
FROM ${REG}/busybox:latest
COPY --from=build /out /app/
COPY --from=build /out.tgz /app.tgz
RUN ls /app | wc -l > /count
CMD ["cat", "/count"]
DF
cat >"$W/e/Dockerfile" <<'DF'
ARG REG
FROM ${REG}/debian:bookworm AS a
RUN mkdir -p /out && head -c 30000000 /dev/urandom | gzip -1 > /out/a.gz && for i in $(seq 1 200); do echo "a $i" > /out/a$i; done
FROM ${REG}/busybox:latest AS b
RUN mkdir -p /out && head -c 20000000 /dev/urandom | gzip -1 > /out/b.gz && for i in $(seq 1 200); do echo "b $i" > /out/b$i; done
FROM ${REG}/busybox:latest
COPY --from=a /out /a/
COPY --from=b /out /b/
CMD ["ls", "/a", "/b"]
DF

kiln() {   # kiln CHECKOUT CASE TAG
  echo "$1/bin/kiln build -c $W/$2 -d $REG/bench/pipeline-$2:$3 --insecure --insecure-pull --build-arg REG=$REG --isolation chroot --snapshot-mode overlay -v warn"
}
# before and after alternate run by run (the machine's load drifts); medians and the ratio after/before per case
for c in d e; do
  for v in before after; do   # warm-up: AppCDS archives, page cache
    dir="$AFTER"; [ "$v" = before ] && dir="$BEFORE"
    $(kiln "$dir" "$c" "$v") >/dev/null 2>&1 || { echo "bench: $v build of $c failed" >&2; exit 1; }
  done
  for r in $(seq 1 "$RUNS"); do
    for v in before after; do
      dir="$AFTER"; [ "$v" = before ] && dir="$BEFORE"
      hyperfine --runs 1 --export-json "$W/$c-$v-$r.json" -n "$v-$c" "$(kiln "$dir" "$c" "$v") 2>>$W/$c-$v.log" >/dev/null \
        || { echo "bench: $v build of $c failed:" >&2; tail -20 "$W/$c-$v.log" >&2; exit 1; }
      jq -r '.results[0].mean' "$W/$c-$v-$r.json" >>"$W/$c-$v.times"
    done
  done
  med() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
  b="$(med "$W/$c-before.times")"; a="$(med "$W/$c-after.times")"
  printf '%s  before %s  after %s  (runs before: %s | after: %s)  ratio after/before %.2f\n' "$c" "$b" "$a" \
    "$(tr '\n' ' ' <"$W/$c-before.times")" "$(tr '\n' ' ' <"$W/$c-after.times")" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
done
