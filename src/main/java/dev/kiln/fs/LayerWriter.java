package dev.kiln.fs;

import dev.kiln.image.Descriptor;
import dev.kiln.fs.compress.LayerEncoder;
import dev.kiln.fs.compress.SerialGzip;
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
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes one layer in a single streamed pass: tar entries → compression ({@link LayerEncoder}: gzip or zstd,
 * pipelined or multi-threaded) → file, computing the uncompressed digest (diff ID) and the compressed digest and
 * size on the way. Nothing is held in memory whole.
 * Entry names are absolute rootfs paths; each is written at most once.
 */
public final class LayerWriter implements Closeable {
    private final Path target;
    private final Path tmp;
    private final CountingDigestOutputStream compressed;
    private final CountingDigestOutputStream uncompressed;
    private final TarArchiveOutputStream tar;
    private final Long fixedMtime;
    private final String mediaType;
    private final Set<String> written = new HashSet<>();
    private boolean finished;

    /**
     * Runs the class initialisers the first tar entry of a process needs (commons-io's {@code FileTimes}, which
     * {@code TarArchiveEntry} calls for every header, computes {@code BigDecimal} constants: ~30 ms before the JIT),
     * so that a caller can run them off the critical path. Writes nothing anywhere.
     */
    public static void initialiseTar() {
        new TarArchiveEntry("kiln-preload").writeEntryHeader(new byte[TarConstants.DEFAULT_RCDSIZE]);
    }

    /** A layer compressed as kiln always did ({@link SerialGzip}: the stream {@code --reproducible} builds keep). */
    public LayerWriter(Path target, Long fixedMtime) throws IOException {
        this(target, fixedMtime, new SerialGzip());
    }

    /**
     * @param target     where the compressed blob ends up (written to a temp file beside it first)
     * @param fixedMtime when non-null, every entry gets this mtime (epoch seconds; {@code --reproducible})
     * @param encoder    how the tar stream is compressed (see {@link dev.kiln.fs.compress.LayerCompression#encoder})
     */
    public LayerWriter(Path target, Long fixedMtime, LayerEncoder encoder) throws IOException {
        this(target, fixedMtime, encoder, null);
    }

    /**
     * @param tee when non-null, also receives the uncompressed tar as it is written (a rootfs applying the layer);
     *            closed when the layer is finished
     */
    public LayerWriter(Path target, Long fixedMtime, LayerEncoder encoder, OutputStream tee) throws IOException {
        this.target = target;
        this.fixedMtime = fixedMtime;
        this.mediaType = encoder.mediaType();
        this.tmp = target.resolveSibling(target.getFileName() + ".partial");
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        this.compressed = new CountingDigestOutputStream(file);
        OutputStream encoded;
        try {
            encoded = encoder.open(compressed);
        } catch (IOException | RuntimeException e) {
            file.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
        // the diff ID is hashed on this thread, in 64 KiB pieces; the encoder compresses (and hashes the blob) on its own
        this.uncompressed = new CountingDigestOutputStream(encoded);
        OutputStream tarOut = tee == null ? uncompressed : new Tee(uncompressed, tee);
        this.tar = new TarArchiveOutputStream(new BufferedOutputStream(tarOut, 1 << 16), "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    public boolean contains(String absPath) {
        return written.contains(LayerPaths.clean(absPath));
    }

    public void addDirectory(String absPath, EntryMeta meta) throws IOException {
        addDirectory(absPath, meta, Map.of());
    }

    /** With extended attributes (full names, e.g. {@code security.capability}), written as PAX {@code SCHILY.xattr.*} records. */
    public void addDirectory(String absPath, EntryMeta meta, Map<String, byte[]> xattrs) throws IOException {
        put(entry(absPath, true, TarConstants.LF_DIR, meta), null, 0, xattrs);
    }

    public void addFile(String absPath, EntryMeta meta, Path source, long size) throws IOException {
        addFile(absPath, meta, source, size, Map.of());
    }

    public void addFile(String absPath, EntryMeta meta, Path source, long size, Map<String, byte[]> xattrs) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            put(entry(absPath, false, TarConstants.LF_NORMAL, meta), in, size, xattrs);
        }
    }

    public void addFile(String absPath, EntryMeta meta, byte[] content) throws IOException {
        addFile(absPath, meta, content, Map.of());
    }

    public void addFile(String absPath, EntryMeta meta, byte[] content, Map<String, byte[]> xattrs) throws IOException {
        put(entry(absPath, false, TarConstants.LF_NORMAL, meta), new java.io.ByteArrayInputStream(content), content.length, xattrs);
    }

    public void addSymlink(String absPath, EntryMeta meta, String linkTarget) throws IOException {
        addSymlink(absPath, meta, linkTarget, Map.of());
    }

    public void addSymlink(String absPath, EntryMeta meta, String linkTarget, Map<String, byte[]> xattrs) throws IOException {
        TarArchiveEntry e = entry(absPath, false, TarConstants.LF_SYMLINK, meta);
        e.setLinkName(linkTarget);
        put(e, null, 0, xattrs);
    }

    /** A hard link to an entry already written in this layer (absolute path). */
    public void addHardlink(String absPath, EntryMeta meta, String existingAbsPath) throws IOException {
        TarArchiveEntry e = entry(absPath, false, TarConstants.LF_LINK, meta);
        e.setLinkName(LayerPaths.entryName(existingAbsPath, false));
        put(e, null, 0, Map.of());
    }

    /** A device node or FIFO ({@code type} is {@link TarConstants#LF_CHR}, {@code LF_BLK} or {@code LF_FIFO}). */
    public void addSpecial(String absPath, EntryMeta meta, byte type, int major, int minor, Map<String, byte[]> xattrs) throws IOException {
        if (type != TarConstants.LF_CHR && type != TarConstants.LF_BLK && type != TarConstants.LF_FIFO) {
            throw new IllegalArgumentException("not a device or FIFO tar type: " + (char) type);
        }
        TarArchiveEntry e = entry(absPath, false, type, meta);
        if (type != TarConstants.LF_FIFO) {
            e.setDevMajor(major);
            e.setDevMinor(minor);
        }
        put(e, null, 0, xattrs);
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
            case TarConstants.LF_CHR -> 020000;
            case TarConstants.LF_BLK -> 060000;
            case TarConstants.LF_FIFO -> 010000;
            default -> 0100000;
        };
    }

    private void put(TarArchiveEntry e, InputStream content, long size, Map<String, byte[]> xattrs) throws IOException {
        if (finished) throw new IllegalStateException("layer already finished");
        e.setSize(content == null ? 0 : size);
        if (!xattrs.isEmpty()) writeXattrPax(e, xattrs);
        try {
            tar.putArchiveEntry(e);
            if (content != null) {
                long n = content.transferTo(tar);
                if (n != size) throw new IOException("file " + e.getName() + " changed while it was copied: expected " + size + " bytes, read " + n);
            }
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw diskFull(ex, "/" + e.getName() + ", " + DiskFull.bytes(size) + " uncompressed");
        }
    }

    /** A full disk while writing the layer: names the layer file, what was written and the entry being added. */
    private IOException diskFull(IOException e, String adding) {
        return DiskFull.explain(e, tmp, "the layer had " + DiskFull.bytes(uncompressed.count()) + " of tar written"
                + (adding == null ? "" : ", adding " + adding));
    }

    /**
     * commons-compress writes PAX values as UTF-8 text, which mangles binary xattrs: write the entry's
     * PAX header here, byte for byte, with every field that would need one (path, linkpath, uid, gid,
     * mtime), and leave the ustar header plain so that no second PAX header follows.
     */
    private void writeXattrPax(TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
        if (e.getSize() > 077777777777L) throw new IOException("file " + e.getName() + " is too large to carry xattrs");
        Map<String, byte[]> recs = new java.util.LinkedHashMap<>();
        recs.put("path", e.getName().getBytes(StandardCharsets.UTF_8));
        if (!e.getLinkName().isEmpty()) recs.put("linkpath", e.getLinkName().getBytes(StandardCharsets.UTF_8));
        recs.put("uid", Long.toString(e.getLongUserId()).getBytes(StandardCharsets.US_ASCII));
        recs.put("gid", Long.toString(e.getLongGroupId()).getBytes(StandardCharsets.US_ASCII));
        long mtime = e.getLastModifiedTime().toInstant().getEpochSecond();
        recs.put("mtime", Long.toString(mtime).getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> x : new TreeMap<>(xattrs).entrySet()) {
            String n = x.getKey();
            if (n.isEmpty() || n.indexOf('=') >= 0 || n.indexOf('\0') >= 0) throw new IllegalArgumentException("invalid xattr name '" + n + "' for " + e.getName());
            recs.put("SCHILY.xattr." + n, x.getValue());
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : recs.entrySet()) {
            byte[] k = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + k.length + 1 + r.getValue().length + 1; // ' ' key '=' value '\n'
            int len = body + Integer.toString(body).length();
            if (Integer.toString(len).length() != Integer.toString(body).length()) len++;
            data.write(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
            data.write(' ');
            data.write(k);
            data.write('=');
            data.write(r.getValue());
            data.write('\n');
        }
        TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders.0/" + written.size(), TarConstants.LF_PAX_EXTENDED_HEADER_LC, false);
        pax.setSize(data.size());
        pax.setModTime(e.getLastModifiedTime());
        tar.putArchiveEntry(pax);
        data.writeTo(tar);
        tar.closeArchiveEntry();
        // the PAX records above hold the real values; keep the ustar fields within plain ustar limits
        if (!fitsUstar(e.getName())) e.setName(e.isDirectory() ? "kiln-pax-path/" : "kiln-pax-path");
        if (!fitsUstar(e.getLinkName())) e.setLinkName("kiln-pax-linkpath");
        if (e.getLongUserId() > 07777777) e.setUserId(0);
        if (e.getLongGroupId() > 07777777) e.setGroupId(0);
        if (mtime < 0 || mtime > 077777777777L) e.setModTime(0);
    }

    private static boolean fitsUstar(String s) {
        return s.length() < TarConstants.NAMELEN && StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }

    /** Writes to both streams; closes both. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                a.close();
            } finally {
                b.close();
            }
        }
    }

    /** Number of entries written so far. */
    public int entryCount() {
        return written.size();
    }

    /** Ends the tar, finishes the compressed stream (waiting for its threads), and moves the blob into place. */
    public LayerFile finish() throws IOException {
        finished = true;
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw diskFull(e, null);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Descriptor d = new Descriptor(mediaType, compressed.digest(), compressed.count());
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
