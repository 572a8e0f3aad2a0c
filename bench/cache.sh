#!/usr/bin/env bash
# bench/cache.sh - cold vs warm rebuild with the registry layer cache (issue 7, part 6), beside buildah --layers.
#
# usage: bench/cache.sh [REGISTRY]     (default $KILN_TEST_REGISTRY or 127.0.0.1:5000; needs root, the debian base
#        image pushed by testbed/base-images.sh, network to the apt mirror, buildah for the reference column)
# A 10-instruction Dockerfile on debian:bookworm: apt-get install, WORKDIR, COPY of 2,000 files, RUN steps, ARG,
# USER, CMD. A fresh nonce in the first ENV makes both builders' first build cold. kiln: `build --cache
# --cache-copy-layers --reproducible` pushed to a fresh repository (cache repo = <repo>/cache), then the same
# build again (warm). buildah: testbed/buildah-build.sh (bud --layers + push) twice. Wall times of whole
# processes (JVM start included), one run, printed as a table with the ratios. Targets: kiln warm <= 1.5 s and
# >= 10x faster than kiln cold. KILN_BENCH_JAVA_OPTS adds JVM flags (default: an AppCDS archive in target/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REG="${1:-${KILN_TEST_REGISTRY:-127.0.0.1:5000}}"
[ "$(id -u)" = 0 ] || { echo "bench/cache.sh: needs root (chroot RUN, buildah)" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
TESTBED="$ROOT/testbed"; [ -x "$TESTBED/buildah-build.sh" ] || TESTBED="$ROOT/../shared/testbed"
[ -x "$TESTBED/buildah-build.sh" ] || TESTBED=/work/shared/testbed
cd "$ROOT"
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
rm -f target/kiln-bench.jar target/kiln-bench.jsa
"$JAVA_HOME/bin/jar" cf target/kiln-bench.jar -C target/classes .   # AppCDS archives need jars, not directories
CP="$ROOT/target/kiln-bench.jar:$(cat target/bench-classpath.txt)"
JSA="$ROOT/target/kiln-bench.jsa"
JAVA_OPTS="${KILN_BENCH_JAVA_OPTS:--XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$JSA -XX:TieredStopAtLevel=1}"
kiln() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.kiln.cli.Main "$@"; }

W="$(mktemp -d /tmp/kiln-bench-cache-XXXXXX)"
trap 'rm -rf "$W"' EXIT
NONCE="$(date +%s%N)"
CTX="$W/ctx"; mkdir -p "$CTX/files"
for d in $(seq 0 19); do
  mkdir -p "$CTX/files/d$d"
  for f in $(seq 0 99); do echo "file $d/$f $NONCE" > "$CTX/files/d$d/f$f.txt"; done
done
cat > "$CTX/Dockerfile" <<DF
FROM $REG/debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive BENCH_RUN=$NONCE
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY files/ /app/files/
RUN find /app/files -type f | wc -l > /app/count
ARG VERSION=1
RUN echo "version \$VERSION \$(cat /app/count) files" > /app/version && useradd -m app
USER app
CMD ["cat", "/app/version"]
DF

now() { date +%s.%N; }
timed() { local t0 t1; t0=$(now); "$@" >"$W/log" 2>&1 || { cat "$W/log" >&2; echo "FAILED: $*" >&2; exit 1; }; t1=$(now); echo "$t1 - $t0" | bc; }

# one untimed small kiln build (busybox, COPY, RUN, oci: cache) so that the AppCDS archive holds kiln's classes
mkdir -p "$W/warmup" && echo x > "$W/warmup/x" && printf 'FROM %s/busybox:latest\nCOPY x /x\nRUN cat /x\n' "$REG" > "$W/warmup/Dockerfile"
kiln build -c "$W/warmup" --no-push --insecure-pull --isolation chroot --cache --cache-copy-layers --cache-repo "oci:$W/warmup-cache" >/dev/null 2>&1 || true
DEST="$REG/bench/cache-$NONCE:1"
KFLAGS=(build -c "$CTX" -d "$DEST" --insecure --insecure-pull --isolation chroot --reproducible --cache --cache-copy-layers)
k_cold=$(timed kiln "${KFLAGS[@]}" --digest-file "$W/d1")
k_warm=$(timed kiln "${KFLAGS[@]}" --digest-file "$W/d2")
hits=$(grep -c "using cached layer" "$W/log" || true)
same=$([ "$(cat "$W/d1")" = "$(cat "$W/d2")" ] && echo yes || echo NO)
b_cold=$(timed "$TESTBED/buildah-build.sh" "$CTX" "$REG/bench/cache-buildah-$NONCE:1")
b_warm=$(timed "$TESTBED/buildah-build.sh" "$CTX" "$REG/bench/cache-buildah-$NONCE:1")

ratio() { echo "scale=1; $1 / $2" | bc; }
printf '\n%-28s %10s %10s %10s\n' "builder" "cold (s)" "warm (s)" "cold/warm"
printf '%-28s %10.2f %10.2f %9sx\n' "kiln --cache (registry)" "$k_cold" "$k_warm" "$(ratio "$k_cold" "$k_warm")"
printf '%-28s %10.2f %10.2f %9sx\n' "buildah bud --layers" "$b_cold" "$b_warm" "$(ratio "$b_cold" "$b_warm")"
printf '\nkiln warm: %s of 5 filesystem instructions (RUN, WORKDIR, COPY, RUN, RUN) from the cache, same digest as cold: %s\n' "$hits" "$same"
printf 'kiln warm vs buildah warm: %sx\n' "$(ratio "$b_warm" "$k_warm")"
