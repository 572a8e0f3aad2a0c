package dev.kiln.fs.snapshot;

import dev.kiln.image.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** sha256 of regular files' contents, for {@link SnapshotMode#FULL}. */
final class ContentHash {
    private ContentHash() {}

    static void hashAll(Path root, Map<String, StatEntry> entries) throws IOException {
        for (Map.Entry<String, StatEntry> e : entries.entrySet()) {
            if (e.getValue().kind() != FileKind.FILE) continue;
            e.setValue(e.getValue().withContentHash(of(root.resolve(e.getKey().substring(1)))));
        }
    }

    static String of(Path file) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ex) {
            throw new IOException("snapshot: cannot hash " + file + ": " + ex.getMessage(), ex);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
