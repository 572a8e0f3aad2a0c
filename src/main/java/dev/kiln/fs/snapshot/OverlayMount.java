package dev.kiln.fs.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An overlay mount made with the {@code mount} tool (root only): {@code lowerdir} (first = topmost), an
 * upper and a work directory on the same filesystem, and the merged mount point. redirect_dir, metacopy
 * and index are off, so the upper directory is a plain diff. {@link #close()} unmounts.
 *
 * <p>Mounted {@code volatile} (Linux 5.10+) where the kernel has it: the upper directory is scratch that kiln reads
 * right after the RUN and then deletes, so nothing needs to reach the disk. Without it, unmounting an overlay syncs
 * its whole upper filesystem (the freshly extracted rootfs included: 0.26 s on this machine's ext4 for a Debian base,
 * more on a busy disk) and every fsync inside the RUN (dpkg calls one per file) waits for the disk. An older kernel
 * refuses the option: the mount is made again without it.
 */
public final class OverlayMount implements AutoCloseable {
    private final List<Path> lowers;
    private final Path upper;
    private final Path merged;
    private final OverlayXattrs xattrs;
    private boolean mounted = true;

    private OverlayMount(List<Path> lowers, Path upper, Path merged, OverlayXattrs xattrs) {
        this.lowers = lowers;
        this.upper = upper;
        this.merged = merged;
        this.xattrs = xattrs;
    }

    public static OverlayMount mount(List<Path> lowers, Path upper, Path work, Path merged, OverlayXattrs xattrs) throws IOException {
        if (lowers.isEmpty()) throw new IllegalArgumentException("overlay needs at least one lower directory");
        String opts = options(lowers, upper, work, xattrs);
        try {
            run(List.of("mount", "-t", "overlay", "overlay", "-o", opts + ",volatile", merged.toString()));
        } catch (IOException e) {
            run(List.of("mount", "-t", "overlay", "overlay", "-o", opts, merged.toString()));
        }
        return new OverlayMount(List.copyOf(lowers), upper, merged, xattrs);
    }

    static String options(List<Path> lowers, Path upper, Path work, OverlayXattrs xattrs) {
        List<Path> all = new ArrayList<>(lowers);
        all.add(upper);
        all.add(work);
        for (Path p : all) {
            String s = p.toAbsolutePath().toString();
            if (s.contains(",") || s.contains(":") || s.contains("\\")) {
                throw new IllegalArgumentException("overlay directory " + s + " contains ',', ':' or '\\', which mount options cannot carry");
            }
        }
        return "lowerdir=" + lowers.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(":"))
                + ",upperdir=" + upper.toAbsolutePath() + ",workdir=" + work.toAbsolutePath() + "," + xattrs.mountOptions();
    }

    public Path merged() {
        return merged;
    }

    public Path upper() {
        return upper;
    }

    public List<Path> lowers() {
        return lowers;
    }

    public OverlayXattrs xattrs() {
        return xattrs;
    }

    @Override
    public void close() throws IOException {
        if (!mounted) return;
        mounted = false;
        run(List.of("umount", merged.toString()));
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int rc = p.waitFor();
            if (rc != 0) throw new IOException(String.join(" ", cmd) + " failed (exit " + rc + "): " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + " interrupted", e);
        }
    }
}
