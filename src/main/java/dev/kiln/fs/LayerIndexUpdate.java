package dev.kiln.fs;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One layer's tar entries applied to a {@link TreeIndex}, in order, as an extractor applies them to disk: entries
 * put, OCI whiteouts ({@code .wh.name}) removed, opaque directories ({@code .wh..wh..opq}) cleared of what lower
 * layers put there. Used by {@link LayerIndexer} (headers only) and by the extractor, which indexes a rootfs in the
 * same pass that writes it (issue 12: the base is read once). One use per layer.
 */
public final class LayerIndexUpdate {
    private static final String WH = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final int CAPTURE_MAX = 1 << 20;

    private final TreeIndex t;
    private final Set<String> opaqueHere = new HashSet<>();
    private final Map<String, FsNode> thisLayer = new HashMap<>();

    public LayerIndexUpdate(TreeIndex t) {
        this.t = t;
    }

    /**
     * Applies one entry; returns its cleaned path when its contents are to be captured
     * ({@link LayerIndexer#CAPTURED}: the caller passes them to {@link #capture}), else null.
     */
    public String entry(TarArchiveEntry e) {
        String path = LayerPaths.clean(e.getName());
        String name = LayerPaths.baseName(path);
        String dir = LayerPaths.parent(path);
        if (name.equals(OPAQUE)) {
            if (opaqueHere.add(dir)) clearLowerChildren(dir);
            return null;
        }
        if (name.startsWith(WH)) {
            t.remove(LayerPaths.resolve(dir, name.substring(WH.length())));
            return null;
        }
        FsNode n = node(e);
        t.put(path, n);
        thisLayer.put(path, n);
        return LayerIndexer.CAPTURED.contains(path) && e.isFile() && e.getSize() < CAPTURE_MAX ? path : null;
    }

    public void capture(String path, byte[] content) {
        t.capture(path, content);
    }

    // An opaque marker hides the lower layers' children of dir; this layer's own entries stay.
    private void clearLowerChildren(String dir) {
        t.removeChildren(dir);
        String prefix = dir.equals("/") ? "/" : dir + "/";
        thisLayer.entrySet().stream()
                .filter(en -> en.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .forEach(en -> t.put(en.getKey(), en.getValue()));
    }

    private static FsNode node(TarArchiveEntry e) {
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (e.isDirectory()) return new FsNode(FsNode.Type.DIR, mode, uid, gid, null);
        if (e.isSymbolicLink()) return new FsNode(FsNode.Type.SYMLINK, mode, uid, gid, e.getLinkName());
        if (e.isLink()) return new FsNode(FsNode.Type.HARDLINK, mode, uid, gid, LayerPaths.clean(e.getLinkName()));
        if (e.isFile()) return new FsNode(FsNode.Type.FILE, mode, uid, gid, null);
        return new FsNode(FsNode.Type.OTHER, mode, uid, gid, null);
    }
}
