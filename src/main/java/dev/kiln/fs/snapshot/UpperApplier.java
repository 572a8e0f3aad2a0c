package dev.kiln.fs.snapshot;

import dev.kiln.fs.nativeio.Xattrs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;

/**
 * Merges an overlay upper directory into the rootfs it was mounted over, so the next step sees the merged
 * state without the mount: whiteouts delete, opaque directories and directories replacing non-directories
 * replace the rootfs path wholesale, everything else is moved in ({@code rename}, keeping inode metadata and
 * xattrs; a copy with attributes when upper and rootfs are on different filesystems). Directories present on
 * both sides are merged child by child and then get the upper directory's mode, owner and times. The upper
 * directory is consumed. Overlay's own xattrs ({@code trusted.overlay.*} or {@code user.overlay.*}: opaque,
 * origin, impure) are removed from what is moved in, and stray whiteouts inside moved directories dropped.
 */
final class UpperApplier {
    private final Path upper;
    private final OverlayXattrs ns;
    private final Set<String> ignored;

    UpperApplier(Path upper, OverlayXattrs ns, Set<String> ignored) {
        this.upper = upper;
        this.ns = ns;
        this.ignored = ignored;
    }

    void applyTo(Path rootfs) throws IOException {
        merge(upper, rootfs, "");
    }

    private void merge(Path u, Path r, String abs) throws IOException {
        for (String name : OverlayUpper.names(u)) {
            String p = abs + "/" + name;
            if (ignored.contains(p)) continue;
            Path src = u.resolve(name);
            Path dst = r.resolve(name);
            StatEntry e = Stat.of(src);
            StatEntry existing = statOrNull(dst);
            if (e.isOverlayWhiteout()) {
                if (existing != null) TreeOps.delete(dst);
                continue;
            }
            if (e.kind() == FileKind.DIR && existing != null && existing.kind() == FileKind.DIR && !OverlayUpper.isOpaque(src, ns)) {
                merge(src, dst, p);
                copyDirMeta(e, dst);
                continue;
            }
            if (existing != null) TreeOps.delete(dst);
            try {
                Files.move(src, dst);
            } catch (DirectoryNotEmptyException crossDevice) {
                TreeOps.copy(src, dst);
                TreeOps.delete(src);
            }
            scrub(dst, e.kind());
        }
    }

    private void scrub(Path p, FileKind kind) throws IOException {
        if (kind == FileKind.CHAR && Stat.of(p).isOverlayWhiteout()) {
            Files.delete(p); // a whiteout inside a moved directory hides nothing any more
            return;
        }
        for (String n : Xattrs.list(p)) if (n.startsWith(ns.prefix())) Xattrs.remove(p, n);
        if (kind == FileKind.DIR) {
            for (String name : OverlayUpper.names(p)) scrub(p.resolve(name), Stat.of(p.resolve(name)).kind());
        }
    }

    private static void copyDirMeta(StatEntry e, Path dir) throws IOException {
        Files.setAttribute(dir, "unix:uid", e.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:gid", e.gid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:mode", e.mode());
        FileTime mtime = FileTime.from(Instant.ofEpochSecond(0, e.mtimeNanos()));
        Files.getFileAttributeView(dir, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
    }

    private static StatEntry statOrNull(Path p) throws IOException {
        try {
            return Stat.of(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
