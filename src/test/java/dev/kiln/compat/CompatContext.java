package dev.kiln.compat;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The build context all compat cases share: compat/context copied (symlinks kept), plus what git cannot store:
 * a 0600 file, a hard link (hl/two = hl/one) and archives of archive-src in every format ADD unpacks, with fixed
 * owners (1000:1000) and times so both builders see identical bytes.
 */
final class CompatContext {
    private CompatContext() {}

    static Path prepare(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(t);
                else Files.copy(p, t, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.setPosixFilePermissions(dst.resolve("private.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.createLink(dst.resolve("hl/two"), dst.resolve("hl/one"));
        byte[] tar = tar();
        Files.write(dst.resolve("arch.tar"), tar);
        write(dst.resolve("arch.tar.gz"), tar, o -> new GZIPOutputStream(o));
        write(dst.resolve("arch.tar.bz2"), tar, BZip2CompressorOutputStream::new);
        write(dst.resolve("arch.tar.xz"), tar, XZCompressorOutputStream::new);
        write(dst.resolve("arch.tar.zst"), tar, ZstdCompressorOutputStream::new);
        return dst;
    }

    private interface Wrap {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    private static void write(Path f, byte[] data, Wrap w) throws IOException {
        try (OutputStream o = w.wrap(Files.newOutputStream(f))) {
            o.write(data);
        }
    }

    private static byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
            dir(t, "d/", 0750);
            file(t, "d/f2", "f2\n", 0640);
            file(t, "f1", "f1\n", 0644);
            TarArchiveEntry l = entry("ln", TarConstants.LF_SYMLINK, 0777);
            l.setLinkName("f1");
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            TarArchiveEntry h = entry("hard", TarConstants.LF_LINK, 0644);
            h.setLinkName("f1");
            t.putArchiveEntry(h);
            t.closeArchiveEntry();
            file(t, "../escape", "clamped\n", 0644);
        }
        return bytes.toByteArray();
    }

    private static void dir(TarArchiveOutputStream t, String name, int mode) throws IOException {
        t.putArchiveEntry(entry(name, TarConstants.LF_DIR, mode));
        t.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream t, String name, String content, int mode) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
        byte[] b = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        e.setSize(b.length);
        t.putArchiveEntry(e);
        t.write(b);
        t.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setUserId(1000);
        e.setGroupId(1000);
        e.setLastModifiedTime(FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        return e;
    }
}
