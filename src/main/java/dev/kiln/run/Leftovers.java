package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Kills the processes a RUN left behind when no pid namespace does it: every process in the command's session, or
 * every process whose root directory is the rootfs (a chroot). Reads {@code /proc}; repeats until none is found, since
 * a process may fork while the others are being killed.
 */
final class Leftovers {
    private static final int ROUNDS = 20;
    private final Path proc;

    Leftovers(Path proc) {
        this.proc = proc;
    }

    static Leftovers system() {
        return new Leftovers(Path.of("/proc"));
    }

    /** Kills every process of session {@code sid} (the command was started with setsid). */
    int killSession(long sid) {
        return killAll(pid -> sessionOf(pid) == sid);
    }

    /** Kills every process chrooted into {@code rootfs} (a real path). */
    int killRooted(Path rootfs) {
        return killAll(pid -> rootfs.equals(rootOf(pid)));
    }

    private int killAll(LongPredicate match) {
        long self = ProcessHandle.current().pid();
        int killed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = new ArrayList<>();
            for (long pid : pids()) {
                if (pid != self && match.test(pid)) ProcessHandle.of(pid).ifPresent(found::add);
            }
            if (found.isEmpty()) break;
            for (ProcessHandle h : found) {
                if (h.destroyForcibly()) killed++;
            }
            for (ProcessHandle h : found) h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
        }
        return killed;
    }

    private List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path p : ds) out.add(Long.parseLong(p.getFileName().toString()));
        } catch (IOException | NumberFormatException e) {
            // proc not readable: nothing to find
        }
        return out;
    }

    /** Field 6 of /proc/PID/stat (after the command name in parentheses, which may contain anything). */
    private long sessionOf(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Path rootOf(long pid) {
        try {
            return Files.readSymbolicLink(proc.resolve(pid + "/root"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
