#!/usr/bin/env bash
# executor/build.sh - prepare the build context of kiln's executor image (target/executor-context/) and,
#                     with --push, build and push the image with kiln itself (bin/kiln build, executor/Dockerfile).
#
# usage: executor/build.sh [--push REPO] [--out DIR] [-- EXTRA KILN BUILD FLAGS...]
#   --push REPO   e.g. 127.0.0.1:5000/kiln/executor: pushes REPO:latest (entrypoint `kiln build`),
#                 REPO:debug (same + busybox shell in /kiln/busybox), REPO:warmer (entrypoint `kiln warm`) and
#                 REPO:nonroot (the executor as uid 65532: builds without RUN; deploy/kubernetes/job-nonroot.yaml)
#   --out DIR     context directory (default target/executor-context)
#   --variants "executor debug warmer nonroot"   which targets to build and push (default: all four)
#   after --, flags for every `kiln build` (e.g. --insecure --insecure-pull for a plain-HTTP registry)
# What the context holds (everything the image has lives under /kiln, Kaniko's /kaniko):
#   kiln/jre/      a jlink'd Java runtime with only the modules kiln needs (jdeps), default CDS archive
#   kiln/glibc/    the C libraries that runtime links against, and the dynamic loader: the JVM is started as
#                  `/kiln/glibc/ld.so --library-path /kiln/glibc /kiln/jre/bin/java`, so it never needs the
#                  rootfs's /lib - an in-place build replaces / with the base image (busybox has no glibc)
#   kiln/bin/      setpriv, setsid, env (in-place RUN runs them), their ELF interpreter set to /kiln/glibc/ld.so
#                  (and so is the runtime's lib/jspawnhelper's, through which the JVM starts every process)
#   kiln/kiln.jar, kiln/lib/*.jar   kiln and its dependencies (the jar's manifest Class-Path is lib/)
#   kiln/ssl/certs/ca-certificates.crt   CA bundle (for credential helpers; Java uses jre/lib/security/cacerts)
#   kiln/tmp/      java.io.tmpdir (the build's work files; the image has no /tmp and in-place builds replace /)
#   kiln/.docker/  empty: DOCKER_CONFIG=/kiln/.docker, mount config.json here
#   kiln/share/aot/   the training input of the JVM's AOT cache made at image build time (src/aot/context)
#   busybox/       static busybox + applet links + a `kiln` launcher script (the :debug variant copies it to /kiln/busybox)
#   nonroot/kiln/{tmp,home}/   empty: the :nonroot variant copies them owned by uid 65532 (with /kiln itself)
# env: JAVA_HOME (a JDK 25, default: /usr/lib/jvm/temurin-25*), KILN_REBUILD=1 (rebuild target/kiln.jar)
set -euo pipefail
# (no pipe here may end before its writer does: with pipefail, a writer killed by SIGPIPE fails the script, exit 141)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[executor] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

OUT="$ROOT/target/executor-context" PUSH="" EXTRA=() VARIANTS="executor debug warmer nonroot"
while [ $# -gt 0 ]; do
  case "$1" in
    --push) [ $# -ge 2 ] || die "--push needs REPO"; PUSH="$2"; shift 2 ;;
    --out)  [ $# -ge 2 ] || die "--out needs DIR"; OUT="$2"; shift 2 ;;
    --variants) [ $# -ge 2 ] || die "--variants needs a list"; VARIANTS="$2"; shift 2 ;;
    --)     shift; EXTRA=("$@"); break ;;
    -h|--help) awk 'NR>1 && /^#/ { sub(/^# ?/, ""); print; next } NR>1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  for d in /usr/lib/jvm/temurin-25*; do [ -x "$d/bin/jlink" ] && JAVA_HOME="$d" && break; done
fi
[ -x "${JAVA_HOME:-}/bin/jlink" ] || die "no JDK with jlink found: set JAVA_HOME to a JDK 25"
export JAVA_HOME
# Maven's output without colour or the reset codes jansi writes at exit; quiet guava's Unsafe warnings on JDK 25
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow -Djansi.noreset=true"
case "$("$JAVA_HOME/bin/java" -version 2>&1)" in *'version "25'*) ;; *) false ;; esac || die "$JAVA_HOME is not a JDK 25 (the jars are built for 25)"

# kiln's jar: target/kiln.jar when it is newer than every compiled class; else one is made from target/classes
# (so the test suite, which runs before Maven's package phase, images the code it just compiled)
JAR="$ROOT/target/kiln.jar"
if [ ! -d "$ROOT/target/classes" ] || [ "${KILN_REBUILD:-0}" = 1 ]; then
  log "building target/kiln.jar"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package >&2)
elif [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/target/classes" -type f -newer "$JAR" -print -quit)" ]; then
  JAR=""
fi
[ -d "$ROOT/target/lib" ] || (cd "$ROOT" && mvn -B -q -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$ROOT/target/lib" >&2)
# picocli's Java 5 classes as version 52, so the image's AOT cache holds them (what `mvn package` does too)
"$JAVA_HOME/bin/java" "$ROOT/src/tools/UpgradeOldClasses.java" "$ROOT"/target/lib/picocli-*.jar >&2

rm -rf "$OUT"
K="$OUT/kiln"
mkdir -p "$K/lib" "$K/tmp" "$K/glibc" "$K/ssl/certs" "$K/.docker" "$K/share" "$OUT/busybox" "$OUT/nonroot/kiln/tmp" \
  "$OUT/nonroot/kiln/home"

# ---- modules: what jdeps finds, minus the optional (`requires static`) ones of jackson-databind and commons-*
# (-R from kiln.jar over the class path: the SDK jars are partly named modules, and passing them as roots makes
#  jdeps resolve their `requires` and fail, e.g. "Module reactor.core not found, required by com.azure.core")
mods="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps -R \
  --class-path "$ROOT/target/lib/*" "${JAR:-$ROOT/target/classes}" | tail -1)"
case "$mods" in java.base*) ;; *) die "jdeps failed: $mods" ;; esac
# java.desktop: only java.beans for jackson's @ConstructorProperties and pack200/circuit-breaker listeners (unused,
# and the largest module); loaded only if present.
mods="$(tr ',' '\n' <<<"$mods" | grep -vx -e java.desktop | paste -sd, -)"
# TLS: EC keys/curves, and the charsets/zipfs jars may use; jdk.crypto.ec is empty since JDK 22 but harmless
jdk_mods="$("$JAVA_HOME/bin/java" --list-modules)"
for m in jdk.crypto.ec jdk.zipfs jdk.unsupported; do
  case $'\n'"$jdk_mods" in *$'\n'"$m@"*) mods="$mods,$m" ;; esac
done
log "modules: $mods"

# -Xmn48m as bin/kiln (a fresh eden is paid for page by page); the heap stays 75 % of the pod's limit
JVM_OPTS="-XX:+UseSerialGC -Xmn48m -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
# no launch mechanism here: processes start with posix_spawn through jspawnhelper, re-pointed at /kiln/glibc below so
# that it still runs once an in-place build has made / the image; kiln falls back to fork itself where that loader is
# missing (this runtime copied to another path or image): dev.kiln.cli.ProcessLaunch
JVM_OPTS="$JVM_OPTS --enable-native-access=ALL-UNNAMED"
# as bin/kiln: the JIT does not replay the AOT training run's compilations at every start (JDK 25): less CPU at start
JVM_OPTS="$JVM_OPTS -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"
# as bin/kiln: C1 alone (a build's CPU went to compiling), SHA-256 from libcrypto (copied to kiln/glibc below)
JVM_OPTS="$JVM_OPTS -XX:TieredStopAtLevel=1"
"$JAVA_HOME/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --add-options="$JVM_OPTS" --output "$K/jre"
rm -f "$K/jre/lib/server/classes_nocoops.jsa"   # only for heaps > 32 GB; MaxRAMPercentage keeps us below
if command -v strip >/dev/null 2>&1; then
  find "$K/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec strip --strip-unneeded {} \; 2>/dev/null || true
fi

cp "$ROOT"/target/lib/*.jar "$K/lib/"
if [ -n "$JAR" ]; then
  cp "$JAR" "$K/kiln.jar"
else
  log "making kiln.jar from target/classes"
  version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml")"; version="${version%%$'\n'*}"
  { echo "Main-Class: dev.kiln.cli.Main"; echo "Implementation-Title: kiln"; echo "Implementation-Version: $version"
    printf 'Class-Path: '; for j in "$K"/lib/*.jar; do printf 'lib/%s \n ' "${j##*/}"; done; echo; } >"$OUT/manifest.txt"
  "$JAVA_HOME/bin/jar" --create --file "$K/kiln.jar" --manifest "$OUT/manifest.txt" -C "$ROOT/target/classes" .
  rm "$OUT/manifest.txt"
fi

# ---- glibc: every library the runtime's binaries and .so files link against, and the loader
loader=""
while read -r lib path; do
  [ -n "$path" ] || continue
  case "$path" in "$K"/*) continue ;; esac
  cp -L "$path" "$K/glibc/$lib"
done < <(find "$K/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
          | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' | sort -u)
# OpenSSL's libcrypto: kiln's SHA-256 (dev.kiln.fs.nativeio.NativeDigests; the JVM runs without C2, where the JDK's
# own SHA-256 is slow); it links only against libc
crypto="$(ldconfig -p 2>/dev/null | awk '$1 == "libcrypto.so.3" && $NF ~ /^\// && !found { print $NF; found = 1 }')"
[ -n "$crypto" ] || for f in /usr/lib/*-linux-gnu/libcrypto.so.3 /usr/lib64/libcrypto.so.3; do [ -e "$f" ] && crypto="$f" && break; done
[ -n "$crypto" ] || die "libcrypto.so.3 not found (apt-get install libssl3): kiln's SHA-256 needs it in the image"
cp -L "$crypto" "$K/glibc/libcrypto.so.3"
loader="$(find "$K/jre" -path '*/bin/java' -exec ldd {} \; | awk '$1 ~ /ld-linux/ { print $1 }')"
[ -n "$loader" ] || die "no dynamic loader found for $K/jre/bin/java"
cp -L "$loader" "$K/glibc/ld.so"

# ---- the host tools in-place RUN calls (setsid, setpriv to become the Dockerfile's USER, env), from util-linux and
#      coreutils, re-pointed at /kiln/glibc: the rootfs of an in-place build is the base image, whose own tools may be
#      missing or (busybox setpriv) lack the options kiln needs
command -v patchelf >/dev/null 2>&1 || {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patchelf >&2
  else die "patchelf is needed (apt-get install patchelf)"; fi
}
mkdir -p "$K/bin"
for t in setpriv setsid env; do
  src="$(command -v "$t")" || die "$t not found on this machine (util-linux / coreutils)"
  cp -L "$src" "$K/bin/$t"
  while read -r lib path; do
    [ -f "$K/glibc/$lib" ] || cp -L "$path" "$K/glibc/$lib"
  done < <(ldd "$src" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')
  patchelf --set-interpreter /kiln/glibc/ld.so --set-rpath /kiln/glibc "$K/bin/$t"
done
# the JDK's process-launch helper (POSIX_SPAWN, above) likewise: its libraries were copied with the runtime's
[ -x "$K/jre/lib/jspawnhelper" ] || die "no jspawnhelper in the jlink'd runtime"
patchelf --set-interpreter /kiln/glibc/ld.so --set-rpath /kiln/glibc "$K/jre/lib/jspawnhelper"

# ---- CA certificates, busybox, AOT training input
[ -f /etc/ssl/certs/ca-certificates.crt ] || die "no /etc/ssl/certs/ca-certificates.crt (apt-get install ca-certificates)"
cp /etc/ssl/certs/ca-certificates.crt "$K/ssl/certs/"
BB="$(command -v busybox)" || die "busybox not found (apt-get install busybox-static)"
ldd "$BB" >/dev/null 2>&1 && die "$BB is dynamically linked: apt-get install busybox-static"
cp -L "$BB" "$OUT/busybox/busybox"
for a in $("$BB" --list); do [ "$a" = busybox ] || ln -s busybox "$OUT/busybox/$a"; done
cat >"$OUT/busybox/kiln" <<'EOF'
#!/kiln/busybox/sh
# kiln in the :debug image: the entrypoint's command line, for shells and CI scripts (GitLab's entrypoint: [""])
exec /kiln/glibc/ld.so --library-path /kiln/glibc /kiln/jre/bin/java -XX:AOTCache=/kiln/kiln.aot -Xlog:aot=off \
  -Xlog:cds=off -Djava.io.tmpdir=/kiln/tmp -jar /kiln/kiln.jar "$@"
EOF
chmod 755 "$OUT/busybox/kiln"
cp -R "$ROOT/src/aot/context" "$K/share/aot"
# one mtime for everything under /kiln (the one --reproducible gives): the AOT cache made in the image's aot stage
# checks the jars' mtimes, and the image's layers must carry the same ones, reproducible build or not
find "$K" "$OUT/nonroot" -exec touch -h -d @0 {} +
cp "$ROOT/executor/Dockerfile" "$OUT/Dockerfile"
log "context ready: $OUT ($(du -sh "$OUT" | cut -f1); runtime $(du -sh "$K/jre" | cut -f1), glibc $(du -sh "$K/glibc" | cut -f1))"

[ -n "$PUSH" ] || exit 0
for variant in $VARIANTS; do
  tag="latest"; [ "$variant" = executor ] || tag="$variant"
  log "kiln build --target $variant -> $PUSH:$tag"
  "$ROOT/bin/kiln" build --context "$OUT" --dockerfile "$OUT/Dockerfile" --target "$variant" \
    --destination "$PUSH:$tag" "${EXTRA[@]}"
done
