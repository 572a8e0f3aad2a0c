package dev.kiln.attest.sbom;

import dev.kiln.image.Layer;
import dev.kiln.source.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Streams one layer's tar once and keeps only what the catalogers read (see {@link LayerFindings}). */
final class LayerReader {
    static final List<Cataloger> CATALOGERS = List.of(new DpkgCataloger(), new ApkCataloger(), new JarCataloger(),
            new PythonCataloger(), new NpmCataloger());
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private LayerReader() {}

    static LayerFindings read(Layer layer) throws IOException {
        LayerFindings f = LayerFindings.empty();
        try (InputStream raw = layer.open(); InputStream in = Compression.open(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String path = normalize(e.getName());
                if (path.isEmpty()) continue;
                int slash = path.lastIndexOf('/');
                String base = path.substring(slash + 1), parent = slash < 0 ? "" : path.substring(0, slash);
                if (base.equals(OPAQUE)) {
                    f.opaqueDirs().add(parent);
                } else if (base.startsWith(WHITEOUT)) {
                    f.removed().add((parent.isEmpty() ? "" : parent + "/") + base.substring(WHITEOUT.length()));
                } else if (!isRegular(e)) {
                    // a symlink, hard link or device over a metadata file replaces it (a directory keeps lower children)
                    if (!e.isDirectory() && wanted(path)) f.replaced().add(path);
                } else {
                    readFile(path, tar, f, (e.getMode() & 0111) != 0, e.getSize());
                }
            }
        } catch (IOException e) {
            throw new IOException("SBOM: cannot read " + layer.describe() + ": " + e.getMessage(), e);
        }
        return f;
    }

    private static void readFile(String path, InputStream in, LayerFindings f, boolean executable, long size) throws IOException {
        if (path.equals("etc/os-release") || path.equals("usr/lib/os-release")) {
            f.osRelease().put(path, new String(LimitedRead.all(in, path), StandardCharsets.UTF_8));
        } else if (DebCopyright.wants(path)) {
            f.debLicenses().put(path, DebCopyright.licenses(path, in));
        } else {
            for (Cataloger c : CATALOGERS) {
                if (c.wants(path)) {
                    f.packages().put(path, c.read(path, in));
                    return;
                }
            }
            if (executable && size > 1024) {
                byte[] head = in.readNBytes(4);
                if (GoBuildInfo.isElf(head)) {
                    f.packages().put(path, GoBuildInfo.read(head, in)); // none: a lower layer's Go binary here is gone
                }
            }
        }
    }

    /** A regular file's entry (commons-compress' {@code isFile()} is also true for symlinks and hard links). */
    private static boolean isRegular(TarArchiveEntry e) {
        return !e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice() && !e.isBlockDevice()
                && !e.isFIFO() && e.isFile();
    }

    private static boolean wanted(String path) {
        if (path.equals("etc/os-release") || path.equals("usr/lib/os-release") || DebCopyright.wants(path)) return true;
        for (Cataloger c : CATALOGERS) if (c.wants(path)) return true;
        return false;
    }

    static String normalize(String name) {
        String p = name;
        while (p.startsWith("./")) p = p.substring(2);
        while (p.startsWith("/")) p = p.substring(1);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.equals(".") ? "" : p;
    }
}
