package dev.kiln.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the JDK's bare "No space left on device" (ENOSPC, or EDQUOT) into a message that names where kiln was writing,
 * how much it needed there and how much the filesystem has left.
 */
public final class DiskFull {
    private DiskFull() {}

    /** Whether {@code e} or a cause is a full disk or an exceeded quota. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DiskFullException) return true;
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) return true;
        }
        return false;
    }

    /**
     * {@code e} itself unless it is a full disk not yet explained; else a {@link DiskFullException} naming {@code path}.
     *
     * @param needed what was being written there ("a layer file of 3.0 MiB"), or null when unknown
     */
    public static IOException explain(IOException e, Path path, String needed) {
        if (!is(e) || e instanceof DiskFullException) return e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DiskFullException d) return d;
        }
        return new DiskFullException(path, needed, space(path), e);
    }

    /**
     * A build failure anywhere below {@code workDir}: unchanged unless it is a full disk that no writer explained
     * (then its message gets the work dir and the space left there appended).
     */
    public static Throwable inWorkDir(Throwable e, Path workDir) {
        if (!is(e)) return e;
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof DiskFullException) return e;
        String space = space(workDir);
        return new DiskFullException(e.getMessage() + " (in the build's work dir " + workDir + (space == null ? "" : ": " + space)
                + "; free some space there or move the build's files with --kaniko-dir, KILN_DIR or TMPDIR)", workDir, e);
    }

    /** Human-readable bytes: 512 B, 3.0 MiB. */
    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** "0 B free of 1.0 MiB on /mnt/x", or null when the filesystem cannot be asked. */
    static String space(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return null;
        try {
            FileStore store = Files.getFileStore(p);
            return bytes(store.getUsableSpace()) + " free of " + bytes(store.getTotalSpace()) + " on " + mountOf(store);
        } catch (IOException e) {
            return null;
        }
    }

    private static String mountOf(FileStore store) {
        // the JDK's Linux FileStore prints as "<mount point> (<device>)"
        String s = store.toString();
        int paren = s.lastIndexOf(" (");
        return paren > 0 ? s.substring(0, paren) : s;
    }
}
