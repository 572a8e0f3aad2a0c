package dev.kiln.step;

import dev.kiln.context.BuildContext;
import dev.kiln.context.ContextEntry;
import dev.kiln.context.ContextException;
import dev.kiln.context.DockerIgnore;
import dev.kiln.fs.VirtualOwnership;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory as a COPY/ADD {@link SourceTree}: the local build context (with its .dockerignore, owners reset to
 * root as BuildKit does) or a stage's root filesystem ({@link #directory}: nothing ignored, owners kept).
 * Regular files with several links carry a link key so that copies keep them as hard links. Special files
 * (devices, FIFOs, sockets) inside a walked directory are skipped; naming one directly is an error.
 */
public record ContextSources(BuildContext context, boolean keepOwners, VirtualOwnership virtual) implements SourceTree {
    public ContextSources(BuildContext context) {
        this(context, false, null);
    }

    public ContextSources(BuildContext context, boolean keepOwners) {
        this(context, keepOwners, null);
    }

    public static ContextSources open(Path root, Path dockerfile) throws IOException {
        return new ContextSources(BuildContext.dir(root, dockerfile));
    }

    /** A directory (a stage rootfs, an extracted image, a git checkout): nothing ignored; owners kept if asked. */
    public static ContextSources directory(Path root, boolean keepOwners) throws IOException {
        return new ContextSources(BuildContext.of(root, DockerIgnore.none()), keepOwners);
    }

    /**
     * A directory kiln extracted while not root: {@code virtual} (null: none) holds the owners, modes and device
     * nodes the layers gave its paths where disk could not take them; they win over what {@code lstat} says.
     */
    public static ContextSources directory(Path root, boolean keepOwners, VirtualOwnership virtual) throws IOException {
        return new ContextSources(BuildContext.of(root, DockerIgnore.none()), keepOwners, virtual);
    }

    /** The directory on disk. */
    public Path root() {
        return context.root();
    }

    @Override
    public List<SourceEntry> match(String pattern) throws IOException {
        try {
            List<SourceEntry> out = new ArrayList<>();
            for (ContextEntry e : context.resolve(pattern)) {
                if (e.type() == ContextEntry.Type.OTHER || recorded(e).map(r -> r.device() != null).orElse(false)) {
                    throw new IOException("cannot copy " + e.path() + ": not a regular file, directory or symlink");
                }
                out.add(convert(e));
            }
            return out;
        } catch (ContextException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<SourceEntry> walk(SourceEntry dir) throws IOException {
        List<SourceEntry> out = new ArrayList<>();
        try {
            context.walk(dir.relPath(), e -> {
                if (e.type() != ContextEntry.Type.OTHER && recorded(e).map(r -> r.device() == null).orElse(true)) out.add(convert(e));
            });
        } catch (ContextException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }

    private SourceEntry convert(ContextEntry e) {
        SourceEntry.Kind kind = switch (e.type()) {
            case FILE -> SourceEntry.Kind.FILE;
            case DIR -> SourceEntry.Kind.DIR;
            case SYMLINK, OTHER -> SourceEntry.Kind.SYMLINK;
        };
        String linkKey = kind == SourceEntry.Kind.FILE && e.stat().nlink() > 1
                ? e.stat().device() + ":" + e.stat().inode() : null;
        var r = recorded(e);
        int mode = r.map(VirtualOwnership.Recorded::mode).orElse(e.permissions());
        int uid = r.map(VirtualOwnership.Recorded::uid).orElse(e.stat().uid());
        int gid = r.map(VirtualOwnership.Recorded::gid).orElse(e.stat().gid());
        return new SourceEntry(e.path(), e.absolute(), kind, mode, e.size(),
                e.stat().mtime().toInstant().getEpochSecond(), e.linkTarget(),
                keepOwners ? uid : 0, keepOwners ? gid : 0, linkKey);
    }

    /** What the virtual-ownership map says of an entry (empty: disk is right, or kiln is root). */
    private java.util.Optional<VirtualOwnership.Recorded> recorded(ContextEntry e) {
        if (virtual == null) return java.util.Optional.empty();
        return virtual.get(e.path().equals(".") ? "/" : "/" + e.path());
    }
}
