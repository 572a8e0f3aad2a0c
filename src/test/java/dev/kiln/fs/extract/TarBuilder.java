package dev.kiln.fs.extract;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** Builds (possibly hostile) tar streams in memory for tests. */
final class TarBuilder {
    static final Instant T = Instant.ofEpochSecond(1_600_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

    TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    private TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true); // preserve "..", "/" as given
        e.setMode(mode);
        e.setModTime(FileTime.from(T));
        return e;
    }

    TarBuilder put(TarArchiveEntry e, byte[] content) {
        try {
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    TarBuilder file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    TarBuilder file(String name, String content, int mode, int uid, int gid) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        return put(e, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder fileWithPax(String name, String content, Map<String, String> pax) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0644);
        pax.forEach(e::addPaxHeader);
        return put(e, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder dir(String name) {
        return dir(name, 0755, 0, 0, T);
    }

    TarBuilder dir(String name, int mode, int uid, int gid, Instant mtime) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(FileTime.from(mtime));
        return put(e, new byte[0]);
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    TarBuilder device(String name, byte type, int mode, int major, int minor) {
        TarArchiveEntry e = entry(name, type, mode);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, new byte[0]);
    }

    TarBuilder fifo(String name) {
        return put(entry(name, TarConstants.LF_FIFO, 0600), new byte[0]);
    }

    TarBuilder whiteout(String name) {
        return put(entry(name, TarConstants.LF_NORMAL, 0), new byte[0]);
    }

    byte[] bytes() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }
}
