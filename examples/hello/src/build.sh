#!/bin/sh
# Rebuilds ../bin/hello from hello.S: a static x86-64 Linux program without libc (a few hundred bytes), so the
# example image can be FROM scratch and still run. Needs GNU binutils (as, ld); the result is committed, so
# building the example itself needs nothing but kiln.
set -eu
cd "$(dirname "$0")"
as --64 -o /tmp/kiln-hello.$$.o hello.S
ld -static -n -s --build-id=none -o ../bin/hello /tmp/kiln-hello.$$.o
rm -f /tmp/kiln-hello.$$.o
chmod 755 ../bin/hello
