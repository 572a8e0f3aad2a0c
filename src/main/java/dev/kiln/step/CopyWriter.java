package dev.kiln.step;

import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.TreeIndex;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes COPY/ADD entries into one layer: missing parent directories are created (0755, owned by the --chown owner or
 * root), the stage's tree index is kept in step, {@code --chown}/{@code --chmod} are applied, and files sharing an
 * inode in the source become hard links to the first copy.
 */
public final class CopyWriter {
    private final TreeIndex tree;
    private final Owners.Owner owner;
    private final ChmodSpec chmod;
    private final LayerWriter w;
    private final long now;
    private final Map<String, String> firstCopy = new HashMap<>();

    /** @param owner the --chown owner, or null to keep each entry's own */
    CopyWriter(TreeIndex tree, Owners.Owner owner, ChmodSpec chmod, LayerWriter w, long now) {
        this.tree = tree;
        this.owner = owner;
        this.chmod = chmod;
        this.w = w;
        this.now = now;
    }

    TreeIndex tree() { return tree; }

    void ensureDir(String abs) throws IOException {
        String real = tree.resolve(abs, true);
        Owners.Owner o = owner == null ? Owners.Owner.ROOT : owner;
        for (String a : LayerPaths.ancestors(real + "/x")) {
            if (tree.get(a).isEmpty()) {
                w.addDirectory(a, new EntryMeta(0755, o.uid(), o.gid(), now));
                tree.put(a, FsNode.dir(0755, o.uid(), o.gid()));
            }
        }
    }

    /** The real path an entry named {@code targetAbs} is written at (parents resolved, created when missing). */
    String place(String targetAbs) throws IOException {
        String clean = LayerPaths.clean(targetAbs);
        String parent = tree.resolve(LayerPaths.parent(clean), true);
        ensureDir(parent);
        return LayerPaths.clean(parent + "/" + LayerPaths.baseName(clean));
    }

    void put(String targetAbs, SourceEntry e) throws IOException {
        String real = place(targetAbs);
        if (w.contains(real)) return;
        int uid = owner == null ? e.uid() : owner.uid();
        int gid = owner == null ? e.gid() : owner.gid();
        boolean link = e.kind() == SourceEntry.Kind.SYMLINK;
        int mode = link ? 0777 : chmod == null ? e.mode() : chmod.apply(e.mode(), e.kind() == SourceEntry.Kind.DIR);
        EntryMeta meta = new EntryMeta(mode, uid, gid, e.mtimeSeconds());
        switch (e.kind()) {
            case DIR -> {
                w.addDirectory(real, meta);
                tree.put(real, FsNode.dir(mode, uid, gid));
            }
            case FILE -> {
                String first = e.linkKey() == null ? null : firstCopy.get(e.linkKey());
                if (first != null) {
                    w.addHardlink(real, meta, first);
                } else {
                    w.addFile(real, meta, e.path(), e.size());
                    if (e.linkKey() != null) firstCopy.put(e.linkKey(), real);
                }
                tree.put(real, new FsNode(FsNode.Type.FILE, mode, uid, gid, null));
            }
            case SYMLINK -> {
                w.addSymlink(real, meta, e.linkTarget());
                tree.put(real, new FsNode(FsNode.Type.SYMLINK, 0777, uid, gid, e.linkTarget()));
            }
        }
    }

    /** A regular file from a stream (archive members), spooled through {@code spool} (deleted after). */
    void putStream(String targetAbs, EntryMeta meta, InputStream in, java.nio.file.Path spool) throws IOException {
        String real = place(targetAbs);
        if (w.contains(real)) return;
        EntryMeta m = adjust(meta, false);
        try {
            long size = java.nio.file.Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            w.addFile(real, m, spool, size);
        } finally {
            java.nio.file.Files.deleteIfExists(spool);
        }
        tree.put(real, new FsNode(FsNode.Type.FILE, m.mode(), m.uid(), m.gid(), null));
    }

    void putDir(String targetAbs, EntryMeta meta) throws IOException {
        String real = place(targetAbs);
        if (w.contains(real)) return;
        EntryMeta m = adjust(meta, true);
        w.addDirectory(real, m);
        tree.put(real, FsNode.dir(m.mode(), m.uid(), m.gid()));
    }

    void putSymlink(String targetAbs, EntryMeta meta, String linkTarget) throws IOException {
        String real = place(targetAbs);
        if (w.contains(real)) return;
        EntryMeta m = adjust(meta, false).withMode(0777);
        w.addSymlink(real, m, linkTarget);
        tree.put(real, new FsNode(FsNode.Type.SYMLINK, 0777, m.uid(), m.gid(), linkTarget));
    }

    void putHardlink(String targetAbs, EntryMeta meta, String existingAbs) throws IOException {
        String real = place(targetAbs);
        if (w.contains(real)) return;
        String existing = LayerPaths.clean(existingAbs);
        if (!w.contains(existing)) throw new IOException("hard link " + targetAbs + " points to " + existingAbs + ", which is not in the archive before it");
        EntryMeta m = adjust(meta, false);
        w.addHardlink(real, m, existing);
        tree.put(real, new FsNode(FsNode.Type.FILE, m.mode(), m.uid(), m.gid(), null));
    }

    private EntryMeta adjust(EntryMeta meta, boolean dir) {
        EntryMeta m = owner == null ? meta : meta.withOwner(owner.uid(), owner.gid());
        return chmod == null ? m : m.withMode(chmod.apply(m.mode(), dir));
    }
}
