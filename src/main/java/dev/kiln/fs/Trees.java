package dev.kiln.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Deleting whole directory trees (work dirs, rootfs copies) quickly and without following symlinks or mounts. */
public final class Trees {
    private Trees() {}

    /** Trees of at most this many entries are deleted in-process: starting {@code rm} costs more (~20-40 ms). */
    static final int SMALL = 512;

    /**
     * Deletes {@code root} in-process when it holds at most {@code limit} entries, every directory on root's own
     * filesystem (a mount below it is never entered), symlinks removed, not followed; false when it is larger or
     * anything could not be deleted (the caller goes on with {@code rm}; what is gone stays gone).
     */
    static boolean deleteSmall(Path root, int limit) {
        try {
            Object dev = Files.getAttribute(root, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            java.util.List<Path> order = new java.util.ArrayList<>();   // parents before children
            java.util.ArrayDeque<Path> dirs = new java.util.ArrayDeque<>(java.util.List.of(root));
            order.add(root);
            while (!dirs.isEmpty()) {
                try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dirs.pop())) {
                    for (Path c : ds) {
                        if (order.size() >= limit) return false;
                        order.add(c);
                        var a = Files.readAttributes(c, "unix:dev,mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        if (((Integer) a.get("mode") & 0170000) == 0040000) {
                            if (!dev.equals(a.get("dev"))) return false;
                            dirs.push(c);
                        }
                    }
                }
            }
            for (int i = order.size() - 1; i >= 0; i--) Files.deleteIfExists(order.get(i));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Deletes {@code root} and everything below it, best effort. Uses coreutils {@code rm -rf --one-file-system}
     * (a rootfs of 100,000 files goes in seconds, and it never crosses into a mount), falling back to a Java walk.
     */
    public static void delete(Path root) {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (deleteSmall(root, SMALL)) return;
        try {
            Process p = new ProcessBuilder("rm", "-rf", "--one-file-system", "--", root.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0) return;
        } catch (IOException e) {
            // no rm on this system: fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
