#!/usr/bin/env bash
# bench/workloads/contexts.sh - make the build context of one workload: its Dockerfile plus generated data.
#
# usage: bench/workloads/contexts.sh CASE DIR      (CASE: a b c d f g warm; DIR is created, must not exist)
# Offline and self-contained: the apt repository of b and warm is a flat repository made here with dpkg-deb
# (package kiln-bench-hello: a program and 400 small files), with Packages and Release files written by hand.
# Sizes (env, for small variants on a busy machine):
#   KILN_BENCH_C_FILES (5000) KILN_BENCH_C_MB (200, in 4 files)   KILN_BENCH_G_MB (1024, in 100 files)
#   KILN_BENCH_WARM_FILES (2000)     (f's 100,000 files are made by its RUN: build-args DIRS/FILES, see workloads.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 CASE DIR" >&2; exit 2; }
CASE="$1" DIR="$2"
[ -f "$HERE/$CASE/Dockerfile" ] || { echo "contexts.sh: unknown case '$CASE' (no $HERE/$CASE/Dockerfile)" >&2; exit 2; }
[ ! -e "$DIR" ] || { echo "contexts.sh: $DIR exists" >&2; exit 2; }
mkdir -p "$DIR"
cp "$HERE/$CASE/Dockerfile" "$DIR/Dockerfile"

small_files() {   # small_files DIR COUNT PER_DIR: COUNT text files of 200 B - 4 KiB in sub-directories of PER_DIR
  local dir="$1" count="$2" per="$3"
  awk -v dir="$dir" -v count="$count" -v per="$per" 'BEGIN {
    srand(12); line = "the quick brown fox jumps over the lazy dog 0123456789 ";
    for (i = 0; i < count; i++) {
      d = dir "/d" int(i / per);
      if (i % per == 0) system("mkdir -p " d);
      f = d "/f" i ".txt"; n = 4 + int(rand() * 70);
      for (k = 0; k < n; k++) print i, k, line > f;
      close(f);
    }
  }'
}

big_files() {     # big_files DIR COUNT MIB_TOTAL: COUNT incompressible files named f001.bin ...
  local dir="$1" count="$2" mib="$3" i per
  per=$(( mib * 1024 * 1024 / count ))
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do head -c "$per" /dev/urandom >"$(printf '%s/f%03d.bin' "$dir" "$i")"; done
}

apt_repo() {      # apt_repo DIR: a flat apt repository holding kiln-bench-hello_1.0_all.deb
  local repo="$1" pkg; pkg="$(mktemp -d)"
  mkdir -p "$repo" "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/kiln-bench-hello"
  cat >"$pkg/DEBIAN/control" <<'EOF'
Package: kiln-bench-hello
Version: 1.0
Architecture: all
Maintainer: kiln bench <bench@kiln.invalid>
Priority: optional
Section: misc
Description: kiln benchmark package
 A program and 400 data files, installed by the bench workloads b and warm.
EOF
  printf '#!/bin/sh\necho "hello from kiln-bench-hello ($(ls /usr/share/kiln-bench-hello | wc -l) files)"\n' \
    >"$pkg/usr/bin/kiln-bench-hello"
  chmod 755 "$pkg/usr/bin/kiln-bench-hello"
  small_files "$pkg/usr/share/kiln-bench-hello" 400 400
  mv "$pkg/usr/share/kiln-bench-hello/d0/"* "$pkg/usr/share/kiln-bench-hello/" && rmdir "$pkg/usr/share/kiln-bench-hello/d0"
  dpkg-deb --root-owner-group -b "$pkg" "$repo/kiln-bench-hello_1.0_all.deb" >/dev/null
  rm -rf "$pkg"
  local deb="$repo/kiln-bench-hello_1.0_all.deb"
  { dpkg-deb -f "$deb"
    echo "Filename: ./kiln-bench-hello_1.0_all.deb"
    echo "Size: $(stat -c %s "$deb")"
    echo "SHA256: $(sha256sum "$deb" | cut -d' ' -f1)"
    echo; } >"$repo/Packages"
  { echo "Origin: kiln-bench"; echo "Label: kiln-bench"; echo "Suite: bench"; echo "Codename: bench"
    echo "Date: $(LC_ALL=C date -u -R)"; echo "Architectures: all amd64 arm64"
    echo "SHA256:"; echo " $(sha256sum "$repo/Packages" | cut -d' ' -f1) $(stat -c %s "$repo/Packages") Packages"; } \
    >"$repo/Release"
  chmod -R a+rX "$repo"
}

case "$CASE" in
  a) mkdir -p "$DIR/files"; for i in 1 2 3 4 5; do echo "context file $i of workload a" >"$DIR/files/f$i.txt"; done ;;
  b) apt_repo "$DIR/repo" ;;
  c) small_files "$DIR/files" "${KILN_BENCH_C_FILES:-5000}" 100; big_files "$DIR/big" 4 "${KILN_BENCH_C_MB:-200}" ;;
  d) mkdir -p "$DIR/src"; small_files "$DIR/src" 200 200; mv "$DIR/src/d0/"* "$DIR/src/"; rmdir "$DIR/src/d0" ;;
  f) ;;
  g) big_files "$DIR/big" 100 "${KILN_BENCH_G_MB:-1024}" ;;
  warm) apt_repo "$DIR/repo"; small_files "$DIR/files" "${KILN_BENCH_WARM_FILES:-2000}" 100 ;;
esac
