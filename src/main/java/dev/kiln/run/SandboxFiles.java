package dev.kiln.run;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mount points and device nodes one run needs in a rootfs. Paths the sandbox creates are removed again by
 * {@link #close()}, and the modification times of the directories they were created in are restored, so they never
 * show up in a snapshot; {@link #containerPaths()} lists everything mounted over or created, for snapshots to ignore.
 */
final class SandboxFiles implements AutoCloseable {
    private final Path root;
    private final List<Path> created = new ArrayList<>();
    private final Map<Path, FileTime> parentTimes = new LinkedHashMap<>();
    private final Set<String> containerPaths = new LinkedHashSet<>();

    SandboxFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A directory mount point, created with mode 0755 when missing. */
    Path dir(String containerPath) throws IOException {
        Path p = RootfsPaths.resolve(root, containerPath);
        containerPaths.add(inContainer(p));
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) return p;
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("cannot mount on " + containerPath + " in " + root + ": it is not a directory");
        }
        parent(p, true);
        Files.createDirectory(p);
        created.add(p);
        return p;
    }

    /** A file mount point, created empty when missing (with {@code content} when not null). */
    Path file(String containerPath, byte[] content) throws IOException {
        Path p = RootfsPaths.resolve(root, containerPath);
        containerPaths.add(inContainer(p));
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return p;
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new SandboxException("cannot mount on " + containerPath + " in " + root + ": it is not a regular file");
        }
        parent(p, true);
        Files.write(p, content == null ? new byte[0] : content);
        created.add(p);
        return p;
    }

    /** A path a setup script will create (e.g. a device node with mknod): recorded for removal when now missing. */
    Path expect(String containerPath) throws IOException {
        Path p = RootfsPaths.resolve(root, containerPath);
        containerPaths.add(inContainer(p));
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            parent(p, false);
            created.add(p);
        }
        return p;
    }

    /** Whether the sandbox created {@code p} (so it may be written to without changing the image). */
    boolean createdHere(Path p) {
        return created.contains(p);
    }

    List<String> containerPaths() {
        return List.copyOf(containerPaths);
    }

    /** The container path of a resolved host path (symlinks already followed). */
    private String inContainer(Path resolved) {
        return "/" + root.relativize(resolved);
    }

    private void parent(Path p, boolean mustExist) throws IOException {
        Path parent = p.getParent();
        if (!Files.isDirectory(parent)) {
            if (!mustExist) return;
            dir(inContainer(parent));
        }
        if (!created.contains(parent)) parentTimes.putIfAbsent(parent, Files.getLastModifiedTime(parent));
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Path p : created.reversed()) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException e) {
                // the command wrote into a mount point the sandbox could not mount: keep its files
            } catch (IOException e) {
                if (failure == null) failure = new SandboxException("cannot remove sandbox path " + p, e);
            }
        }
        for (Map.Entry<Path, FileTime> e : parentTimes.entrySet()) {
            if (Files.isDirectory(e.getKey(), LinkOption.NOFOLLOW_LINKS)) Files.setLastModifiedTime(e.getKey(), e.getValue());
        }
        if (failure != null) throw failure;
    }

    /** A fresh scratch dir for one RUN (bundle, hosts file) in {@code parent}, or in the JVM's temp dir when null. */
    static Path scratch(Path parent, String prefix) throws IOException {
        return parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
    }
}
