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
 * ({@code .wh..wh..opq}) as an extractor would ({@link LayerIndexUpdate}). Each layer's uncompressed digest is checked against its diff ID
 * while it is read ({@link DiffIdCheck}).
 */
public final class LayerIndexer {
    /** Files whose contents are kept: user and group databases for --chown and WORKDIR ownership. */
    public static final Set<String> CAPTURED = Set.of("/etc/passwd", "/etc/group");

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
            LayerIndexUpdate u = new LayerIndexUpdate(t);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String capture = u.entry(e);
                if (capture != null) u.capture(capture, tar.readAllBytes());
            }
            check.finish(); // the diff ID is checked in this same pass (the tar reader read every byte)
        } catch (DiffIdMismatchException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new IOException("cannot read layer " + layer.descriptor().digest() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The decompressed layer tar, whichever compression {@link Compression} finds (gzip, bzip2, xz, zstd or none),
     * decompressed on a helper thread ({@link LayerBlobs}).
     */
    public static InputStream decompress(InputStream in) throws IOException {
        return LayerBlobs.tar(in, "layer");
    }
}
