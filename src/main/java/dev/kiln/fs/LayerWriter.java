package dev.kiln.fs;

import dev.kiln.image.Descriptor;
import dev.kiln.image.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one layer in a single streamed pass: tar entries → gzip → file, computing the uncompressed
 * digest (diff ID) and the compressed digest and size on the way. Nothing is held in memory whole.
 * Entry names are absolute rootfs paths; each is written at most once.
 */
public final class LayerWriter implements Closeable {
    private final Path target;
    private final Path tmp;
    private final CountingDigestOutputStream compressed;
    private final CountingDigestOutputStream uncompressed;
    private final TarArchiveOutputStream tar;
    private final Long fixedMtime;
    private final Set<String> written = new HashSet<>();
    private boolean finished;

    /**
     * @param target     where the compressed blob ends up (written to a temp file beside it first)
     * @param fixedMtime when non-null, every entry gets this mtime (epoch seconds; {@code --reproducible})
     */
    public LayerWriter(Path target, Long fixedMtime) throws IOException {
        this.target = target;
        this.fixedMtime = fixedMtime;
        this.tmp = target.resolveSibling(target.getFileName() + ".partial");
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        this.compressed = new CountingDigestOutputStream(file);
        GZIPOutputStream gz = new GZIPOutputStream(compressed, 1 << 16) {
            { def.setLevel(Deflater.DEFAULT_COMPRESSION); }
        };
        this.uncompressed = new CountingDigestOutputStream(new BufferedOutputStream(gz, 1 << 16));
        this.tar = new TarArchiveOutputStream(uncompressed, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    public boolean contains(String absPath) {
        return written.contains(LayerPaths.clean(absPath));
    }

    public void addDirectory(String absPath, EntryMeta meta) throws IOException {
        put(entry(absPath, true, TarConstants.LF_DIR, meta), null, 0);
    }

    public void addFile(String absPath, EntryMeta meta, Path source, long size) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            put(entry(absPath, false, TarConstants.LF_NORMAL, meta), in, size);
        }
    }

    public void addFile(String absPath, EntryMeta meta, byte[] content) throws IOException {
        put(entry(absPath, false, TarConstants.LF_NORMAL, meta), new java.io.ByteArrayInputStream(content), content.length);
    }

    public void addSymlink(String absPath, EntryMeta meta, String linkTarget) throws IOException {
        TarArchiveEntry e = entry(absPath, false, TarConstants.LF_SYMLINK, meta);
        e.setLinkName(linkTarget);
        put(e, null, 0);
    }

    /** A hard link to an entry already written in this layer (absolute path). */
    public void addHardlink(String absPath, EntryMeta meta, String existingAbsPath) throws IOException {
        TarArchiveEntry e = entry(absPath, false, TarConstants.LF_LINK, meta);
        e.setLinkName(LayerPaths.entryName(existingAbsPath, false));
        put(e, null, 0);
    }

    private TarArchiveEntry entry(String absPath, boolean dir, byte type, EntryMeta meta) {
        String clean = LayerPaths.clean(absPath);
        if (clean.equals("/")) throw new IllegalArgumentException("cannot write the root directory as a layer entry");
        if (!written.add(clean)) throw new IllegalStateException("layer entry written twice: " + clean);
        TarArchiveEntry e = new TarArchiveEntry(LayerPaths.entryName(clean, dir), type, false);
        e.setMode(meta.mode() | modeType(type));
        e.setUserId(meta.uid());
        e.setGroupId(meta.gid());
        e.setUserName("");
        e.setGroupName("");
        long mtime = fixedMtime != null ? fixedMtime : meta.mtimeSeconds();
        e.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtime)));
        return e;
    }

    private static int modeType(byte type) {
        return switch (type) {
            case TarConstants.LF_DIR -> 040000;
            case TarConstants.LF_SYMLINK -> 0120000;
            default -> 0100000;
        };
    }

    private void put(TarArchiveEntry e, InputStream content, long size) throws IOException {
        if (finished) throw new IllegalStateException("layer already finished");
        e.setSize(content == null ? 0 : size);
        tar.putArchiveEntry(e);
        if (content != null) {
            long n = content.transferTo(tar);
            if (n != size) throw new IOException("file " + e.getName() + " changed while it was copied: expected " + size + " bytes, read " + n);
        }
        tar.closeArchiveEntry();
    }

    /** Number of entries written so far. */
    public int entryCount() {
        return written.size();
    }

    /** Ends the tar, flushes gzip, and moves the blob into place. */
    public LayerFile finish() throws IOException {
        finished = true;
        tar.finish();
        tar.close();
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, compressed.digest(), compressed.count());
        return new LayerFile(target, d, uncompressed.digest());
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            try {
                tar.close();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
