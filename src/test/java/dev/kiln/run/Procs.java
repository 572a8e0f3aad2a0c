package dev.kiln.run;

import java.util.List;

/** Finds host processes by command line (to prove leftovers were killed). */
final class Procs {
    private Procs() {}

    static List<Long> withArgs(String command, String arg) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(arg)).orElse(false)
                        && h.info().command().map(c -> c.endsWith(command) || c.endsWith("busybox")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).toList();
    }
}
