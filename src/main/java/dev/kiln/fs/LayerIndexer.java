package dev.kiln.fs;

import dev.kiln.image.Layer;
import dev.kiln.source.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Reads layers' tar headers (not their file contents, except a few small files) into a
 * {@link TreeIndex}, applying OCI whiteouts ({@code .wh.name}) and opaque directories
 * ({@code .wh..wh..opq}) as an extractor would. Each layer's uncompressed digest is checked against its diff ID
 * while it is read ({@link DiffIdCheck}).
 */
public final class LayerIndexer {
    /** Files whose contents are kept: user and group databases for --chown and WORKDIR ownership. */
    public static final Set<String> CAPTURED = Set.of("/etc/passwd", "/etc/group");
    private static final String WH = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private LayerIndexer() {}

    public static TreeIndex index(List<? extends Layer> layers) throws IOException {
        TreeIndex t = new TreeIndex();
        for (Layer l : layers) apply(t, l);
        return t;
    }

    public static void apply(TreeIndex t, Layer layer) throws IOException {
        try (InputStream raw = new BufferedInputStream(layer.open(), 1 << 16);
             InputStream plain = decompress(raw);
             DiffIdCheck check = new DiffIdCheck(plain, layer);
             TarArchiveInputStream tar = new TarArchiveInputStream(check)) {
            java.util.Set<String> opaqueHere = new java.util.HashSet<>();
            java.util.Map<String, FsNode> thisLayer = new java.util.HashMap<>();
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = LayerPaths.clean(e.getName());
                String name = LayerPaths.baseName(path);
                String dir = LayerPaths.parent(path);
                if (name.equals(OPAQUE)) {
                    if (opaqueHere.add(dir)) clearLowerChildren(t, dir, thisLayer);
                    continue;
                }
                if (name.startsWith(WH)) {
                    t.remove(LayerPaths.resolve(dir, name.substring(WH.length())));
                    continue;
                }
                FsNode n = node(e);
                t.put(path, n);
                thisLayer.put(path, n);
                if (CAPTURED.contains(path) && e.isFile() && e.getSize() < (1 << 20)) {
                    t.capture(path, tar.readAllBytes());
                }
            }
            check.finish(); // the diff ID is checked in this same pass (the tar reader read every byte)
        } catch (DiffIdMismatchException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new IOException("cannot read layer " + layer.descriptor().digest() + ": " + ex.getMessage(), ex);
        }
    }

    // An opaque marker hides the lower layers' children of dir; this layer's own entries stay.
    private static void clearLowerChildren(TreeIndex t, String dir, java.util.Map<String, FsNode> thisLayer) {
        t.removeChildren(dir);
        String prefix = dir.equals("/") ? "/" : dir + "/";
        thisLayer.entrySet().stream()
                .filter(en -> en.getKey().startsWith(prefix))
                .sorted(java.util.Map.Entry.comparingByKey())
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

    /** The decompressed layer tar, whichever compression {@link Compression} finds (gzip, bzip2, xz, zstd or none). */
    public static InputStream decompress(InputStream in) throws IOException {
        return Compression.open(in);
    }
}
