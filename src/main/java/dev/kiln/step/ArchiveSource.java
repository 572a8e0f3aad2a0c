package dev.kiln.step;

import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.LayerPaths;
import dev.kiln.source.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * ADD of a local archive: a tar, plain or compressed with gzip, bzip2, xz or zstd (recognized by content, as
 * Docker does, not by name), is unpacked into the destination directory. Owners, modes, mtimes, symlinks and hard
 * links come from the archive ({@code --chown}/{@code --chmod} override). Path-safe: names are cleaned as if rooted
 * at the destination ({@code ..} cannot climb above it), hard links must point inside the archive, and no entry
 * may be written beneath a symlink the archive itself created. Devices and FIFOs are skipped.
 */
public final class ArchiveSource {
    private ArchiveSource() {}

    /** Decompressed view of a file by its magic bytes (the stream itself when not compressed). */
    static InputStream decompressed(Path file) throws IOException {
        return Compression.open(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** True when the file is a (possibly compressed) tar archive. */
    static boolean isArchive(Path file) {
        try (InputStream in = decompressed(file)) {
            byte[] head = in.readNBytes(512);
            return head.length == 512 && TarArchiveInputStream.matches(head, head.length);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Unpacks {@code file} into the directory {@code destDir} (absolute, in the image). */
    static void extract(Path file, String destDir, CopyWriter out, Path spool) throws IOException {
        out.ensureDir(destDir);
        Set<String> links = new HashSet<>();
        try (InputStream raw = decompressed(file); TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String rel = LayerPaths.clean("/" + e.getName());
                if (rel.equals("/")) continue;
                String target = LayerPaths.clean(destDir + rel);
                for (String a : LayerPaths.ancestors(rel)) {
                    if (links.contains(a)) {
                        throw new IOException("archive " + file.getFileName() + ": entry " + e.getName() + " is beneath the symlink " + a + " of the same archive");
                    }
                }
                EntryMeta meta = new EntryMeta(e.getMode() & 07777, (int) e.getLongUserId(), (int) e.getLongGroupId(),
                        e.getModTime().toInstant().getEpochSecond());
                if (e.isDirectory()) {
                    out.putDir(target, meta);
                } else if (e.isSymbolicLink()) {
                    out.putSymlink(target, meta, e.getLinkName());
                    links.add(rel);
                } else if (e.isLink()) {
                    out.putHardlink(target, meta, LayerPaths.clean(destDir + LayerPaths.clean("/" + e.getLinkName())));
                } else if (e.isFile()) {
                    out.putStream(target, meta, tar, spool);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot unpack " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
