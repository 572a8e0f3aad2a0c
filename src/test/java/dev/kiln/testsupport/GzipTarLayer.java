package dev.kiln.testsupport;

import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;
import dev.kiln.image.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Test-only layer: a gzip'd tar file made with commons-compress from a map of path to file content. */
public record GzipTarLayer(Descriptor descriptor, Digest diffId, Path file) implements Layer {

    /**
     * Writes {@code files} (relative path -> text, in map order; parent directories added first, root-owned,
     * mode 0755/0644, fixed mtime) as a tar.gz at {@code gzFile}.
     */
    public static GzipTarLayer create(Path gzFile, Map<String, String> files) throws IOException {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return createBytes(gzFile, bytes);
    }

    /** Content that makes {@link #createBytes} write a symlink to the rest of the text. */
    public static final String SYMLINK = "symlink->";

    /**
     * As {@link #create}, with binary contents; a name ending in {@code /} is written as a directory, content
     * {@code symlink->TARGET} as a symlink.
     */
    public static GzipTarLayer createBytes(Path gzFile, Map<String, byte[]> files) throws IOException {
        MessageDigest compressed = Digest.newSha256();
        MessageDigest uncompressed = Digest.newSha256();
        try (OutputStream fo = Files.newOutputStream(gzFile);
             DigestOutputStream co = new DigestOutputStream(fo, compressed);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(co);
             DigestOutputStream uo = new DigestOutputStream(gz, uncompressed);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(uo)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> dirs = new LinkedHashSet<>();
            for (String path : files.keySet()) {
                String[] parts = path.split("/");
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < parts.length - 1; i++) {
                    d.append(parts[i]).append('/');
                    if (dirs.add(d.toString())) {
                        tar.putArchiveEntry(entry(d.toString(), 040755, 0));
                        tar.closeArchiveEntry();
                    }
                }
                if (files.get(path) != null && new String(files.get(path), StandardCharsets.UTF_8).startsWith(SYMLINK)) {
                    TarArchiveEntry link = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(new String(files.get(path), StandardCharsets.UTF_8).substring(SYMLINK.length()));
                    link.setIds(0, 0);
                    link.setLastModifiedTime(FileTime.fromMillis(1_704_067_200_000L));
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                if (path.endsWith("/")) {
                    if (dirs.add(path)) {
                        tar.putArchiveEntry(entry(path, 040755, 0));
                        tar.closeArchiveEntry();
                    }
                    continue;
                }
                byte[] content = files.get(path);
                tar.putArchiveEntry(entry(path, 0100644, content.length));
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.ofSha256(compressed), Files.size(gzFile));
        return new GzipTarLayer(d, Digest.ofSha256(uncompressed), gzFile);
    }

    private static TarArchiveEntry entry(String name, int mode, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setSize(size);
        e.setIds(0, 0);
        e.setLastModifiedTime(FileTime.fromMillis(1_704_067_200_000L));
        return e;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
