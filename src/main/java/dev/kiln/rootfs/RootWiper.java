package dev.kiln.rootfs;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.extract.SkipPaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties a root directory except the paths to keep (Kaniko's DeleteFilesystem, with the root as a parameter): every
 * entry that is neither kept nor an ancestor of a kept path is removed; ancestors are descended into. Symlinks are
 * removed, never followed. A directory on another device than the root (a mount point missing from the ignore list)
 * is never entered or removed: it is left with a warning. Not thread-safe; one use per call.
 */
public final class RootWiper {
    private final Path root;
    private final SkipPaths keep;
    private final EventSink events;
    private final Object rootDevice;
    private long removed;

    private RootWiper(Path root, SkipPaths keep, EventSink events) throws IOException {
        this.root = root;
        this.keep = keep;
        this.events = events;
        this.rootDevice = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    }

    /** Wipes {@code root} (a real directory path); returns how many entries were removed. */
    static long wipe(Path root, SkipPaths keep, EventSink events) throws IOException {
        RootWiper w = new RootWiper(root.toRealPath(), keep, events);
        w.children(w.root);
        return w.removed;
    }

    private void children(Path dir) throws IOException {
        for (Path c : list(dir)) {
            String abs = SkipPaths.abs(root, c);
            if (keep.covers(abs)) continue;
            BasicFileAttributes a = lstat(c);
            if (a == null) continue;
            if (a.isDirectory() && !sameDevice(c)) {
                events.emit(Event.warn("in-place", "kept " + abs + ": it is on another filesystem (a mount point)"));
            } else if (keep.holds(abs)) {
                if (a.isDirectory()) children(c);
            } else if (a.isDirectory()) {
                children(c);
                delete(c);
            } else {
                delete(c);
            }
        }
    }

    private boolean sameDevice(Path dir) throws IOException {
        return rootDevice.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS));
    }

    private void delete(Path p) throws IOException {
        try {
            Files.delete(p);
            removed++;
        } catch (NoSuchFileException e) {
            // gone already
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // something it holds was kept (another device); leave the directory
        } catch (FileSystemException e) {
            throw new IOException("in-place: cannot remove " + SkipPaths.abs(root, p) + ": " + e.getReason(), e);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) out.add(c);
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
