package dev.kiln.registry;

import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Layer;
import dev.kiln.image.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Test-only layer: a gzipped tar of a few regular files, written to a file. */
record TarGzLayer(Descriptor descriptor, Digest diffId, Path file) implements Layer {

    static TarGzLayer of(Path dir, String name, Map<String, String> files) throws IOException {
        Path out = dir.resolve(name + ".tar.gz");
        MessageDigest compressed = Digest.newSha256();
        MessageDigest uncompressed = Digest.newSha256();
        try (OutputStream fileOut = new DigestOutputStream(Files.newOutputStream(out), compressed);
             GZIPOutputStream gz = new GZIPOutputStream(fileOut);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gz, uncompressed))) {
            for (var e : files.entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(data.length);
                te.setMode(0644);
                te.setModTime(0);
                tar.putArchiveEntry(te);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.ofSha256(compressed), Files.size(out));
        return new TarGzLayer(d, Digest.ofSha256(uncompressed), out);
    }

    /** The same file under a descriptor that claims a different digest (for failure tests). */
    TarGzLayer lyingAbout(Digest wrong) {
        return new TarGzLayer(new Descriptor(descriptor.mediaType(), wrong, descriptor.size()), diffId, file);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
