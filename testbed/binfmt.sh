#!/usr/bin/env bash
# binfmt.sh - QEMU user emulation for foreign-platform RUN (issue 16): Debian's qemu-user-static registered with
# binfmt_misc and the F (fix binary) flag, so an arm64 program runs on this amd64 machine, also inside a chroot.
#
# usage: binfmt.sh setup [CPU...]    (default CPU: aarch64) installs qemu-user-static + binfmt-support, mounts
#                                    binfmt_misc if needed, enables qemu-CPU and checks its flags hold F
#        binfmt.sh status [CPU...]   exit 0 when every qemu-CPU handler is enabled with F, else 1 (says why)
# Needs root. binfmt_misc is the kernel's (one table per machine, or per container on new kernels): setup changes
# what every process here may execute, as installing qemu-user-static on a Debian host does anyway.
set -euo pipefail
# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

BINFMT=/proc/sys/fs/binfmt_misc

handler_ok() {   # handler_ok CPU -> 0 when enabled with the F flag; prints why not
  local h="$BINFMT/qemu-$1"
  [ -f "$BINFMT/status" ] || { echo "binfmt_misc is not mounted at $BINFMT"; return 1; }
  [ -f "$h" ] || { echo "no handler $h"; return 1; }
  [ "$(head -1 "$h")" = enabled ] || { echo "$h is disabled"; return 1; }
  grep -q '^flags:.*F' "$h" || { echo "$h lacks the F flag"; return 1; }
}

status() {
  local cpu why rc=0
  for cpu in "$@"; do
    if why="$(handler_ok "$cpu")"; then log "qemu-$cpu: enabled, F flag ($(sed -n 's/^interpreter //p' "$BINFMT/qemu-$cpu"))"
    else log "qemu-$cpu: $why"; rc=1; fi
  done
  return "$rc"
}

setup() {
  local cpu
  ensure_pkgs qemu-user-static binfmt-support
  if [ ! -f "$BINFMT/status" ]; then
    mount -t binfmt_misc binfmt_misc "$BINFMT" || die "cannot mount binfmt_misc at $BINFMT (a container without the right to mount it: register qemu on its host)"
  fi
  for cpu in "$@"; do
    if ! handler_ok "$cpu" >/dev/null; then
      # binfmt-support's own registration (Debian's qemu-user-static asks for the F flag); when the package's
      # postinst ran before binfmt_misc was mounted, importing it now registers it
      update-binfmts --import "qemu-$cpu" >/dev/null 2>&1 || true
      update-binfmts --enable "qemu-$cpu" >/dev/null 2>&1 || true
    fi
  done
  status "$@"
}

cmd="${1:-}"; [ $# -gt 0 ] && shift
CPUS=("$@"); [ ${#CPUS[@]} -gt 0 ] || CPUS=(aarch64)
case "$cmd" in
  setup) setup "${CPUS[@]}" ;;
  status) status "${CPUS[@]}" ;;
  *) usage_exit ;;
esac
