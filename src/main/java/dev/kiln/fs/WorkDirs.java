package dev.kiln.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build's work directory, marked with its owner: {@code ROOT/kiln-build-XXXX/kiln-owner} holds the pid, start time and
 * pid namespace of the kiln process that made it (the start time tells a reused pid apart). {@link #sweep} finds the work
 * directories of kiln processes that are gone — killed with SIGKILL, or by the OOM killer — so the next run can remove
 * them. Directories without a marker (not kiln's, or an older kiln's) are never touched.
 */
public final class WorkDirs {
    /** The marker file in each work directory. */
    public static final String MARKER = "kiln-owner";
    static final String PREFIX = "kiln-";
    private static final String CLAIMED = ".removing";

    private WorkDirs() {}

    /**
     * The process that owns a work directory: its pid, start time (epoch ms, 0 unknown) and pid namespace
     * ({@code /proc/self/ns/pid}'s link, empty unknown). A pid only means something in its own namespace: a directory
     * made by a kiln in another container that shares this disk is never judged from here.
     */
    public record Owner(long pid, long startMillis, String pidNamespace) {
        /** This process. */
        public static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L), currentPidNamespace());
        }

        private static String currentPidNamespace() {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            } catch (IOException | UnsupportedOperationException e) {
                return "";
            }
        }

        /** Whether this very process still runs (same pid and, when known, the same start time). */
        public boolean alive() {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) return false;
            if (startMillis == 0) return true;
            return h.get().info().startInstant().map(i -> i.toEpochMilli() == startMillis).orElse(true);
        }

        /** Whether this process can tell if the owner is gone: both in the same, known pid namespace. */
        boolean judgeableFrom(Owner self) {
            return !pidNamespace.isEmpty() && pidNamespace.equals(self.pidNamespace());
        }

        String text() {
            return "pid=" + pid + "\nstart=" + startMillis + "\npidns=" + pidNamespace + "\n";
        }

        static Optional<Owner> parse(String text) {
            long pid = -1;
            long start = 0;
            String ns = "";
            for (String line : text.split("\n")) {
                try {
                    if (line.startsWith("pid=")) pid = Long.parseLong(line.substring(4).strip());
                    if (line.startsWith("start=")) start = Long.parseLong(line.substring(6).strip());
                    if (line.startsWith("pidns=")) ns = line.substring(6).strip();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return pid > 0 ? Optional.of(new Owner(pid, start, ns)) : Optional.empty();
        }
    }

    /** A leftover work directory (already renamed so no other sweeper takes it) and the owner that is gone. */
    public record Leftover(Path dir, Owner owner) {}

    /**
     * Creates {@code root} if needed and a fresh {@code root/<prefix>XXXX} owned by this process. Directories made in
     * it (rootfs, overlay dirs: see {@code LayerFactory.scratchDir}) are each placed by ext4 where it has room, not
     * next to the work dir, so not among the inodes the previous build just deleted ({@link dev.kiln.fs.nativeio.Native#spreadSubdirs}).
     */
    public static Path create(Path root, String prefix) throws IOException {
        if (!prefix.startsWith(PREFIX)) throw new IllegalArgumentException("work dir prefix must start with " + PREFIX);
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, prefix);
        mark(dir);
        dev.kiln.fs.nativeio.Native.spreadSubdirs(dir);
        return dir;
    }

    /**
     * The marked {@code kiln-*} directories in {@code root} whose owner is gone, each claimed by an atomic rename (two
     * kiln runs starting at once never both take one); the caller deletes them. A missing root has none.
     * {@code mountPoints} are this machine's mounts (/proc/self/mountinfo): those a killed build left inside a leftover
     * (the overlay of a RUN) are unmounted (lazily) so deleting it never reaches through them.
     */
    public static List<Leftover> sweep(Path root, List<Path> mountPoints) throws IOException {
        List<Leftover> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        Owner self = Owner.current();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : ds) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) continue;
                Optional<Owner> owner = owner(dir);
                if (owner.isEmpty() || !owner.get().judgeableFrom(self) || owner.get().alive()) continue;
                Path claimed = claim(dir);
                if (claimed == null) continue;
                unmount(mountsBelow(dir, mountPoints).stream().map(m -> claimed.resolve(dir.relativize(m))).toList());
                out.add(new Leftover(claimed, owner.get()));
            }
        }
        return out;
    }

    /** The mount points at or below {@code dir}, deepest first. */
    static List<Path> mountsBelow(Path dir, List<Path> mountPoints) {
        List<Path> out = new ArrayList<>();
        for (Path p : mountPoints) if (p.startsWith(dir)) out.add(p);
        out.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
        return out;
    }

    private static void unmount(List<Path> mounts) {
        for (Path m : mounts) {
            try {
                Process p = new ProcessBuilder("umount", "-l", m.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException e) {
                return; // no umount here: rm --one-file-system still stops at the mount
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes this process's marker into {@code dir} atomically: a concurrent reader sees none or all of it. */
    private static void mark(Path dir) throws IOException {
        Path tmp = dir.resolve(MARKER + ".tmp");
        Files.writeString(tmp, Owner.current().text(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(MARKER), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<Owner> owner(Path dir) {
        Path marker = dir.resolve(MARKER);
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 256) return Optional.empty();
            return Owner.parse(Files.readString(marker, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path claim(Path dir) {
        String name = dir.getFileName().toString();
        if (name.endsWith(CLAIMED)) {
            // a sweeper that died while deleting: take it over under a new name
            name = name.substring(0, name.length() - CLAIMED.length());
        }
        Path target = dir.resolveSibling(name + "-" + ProcessHandle.current().pid() + CLAIMED);
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | java.nio.file.FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            return null; // another run took it first
        } catch (IOException e) {
            return null; // not ours to remove (permissions): leave it
        }
        try {
            // ours now: a run starting meanwhile leaves it alone; if this process dies too, the next run takes it over
            mark(target);
        } catch (IOException e) {
            // deleted anyway
        }
        return target;
    }
}
