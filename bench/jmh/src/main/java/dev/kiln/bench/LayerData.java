package dev.kiln.bench;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Realistic layer bytes for the compression benchmark: a tar of the real files under a directory (default
 * {@code /usr}: ELF binaries and libraries, scripts, docs, locale data — what an OS layer holds), in walk order,
 * each file at most 4 MiB, until the tar reaches the requested size.
 */
final class LayerData {
    private LayerData() {}

    static byte[] tarOf(Path root, int size) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size + (8 << 20));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf, "UTF-8");
             Stream<Path> walk = Files.walk(root)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Iterator<Path> it = walk.iterator();
            while (it.hasNext() && buf.size() < size) {
                Path p = it.next();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(p)) continue;
                long len = Math.min(Files.size(p), 4L << 20);
                TarArchiveEntry e = new TarArchiveEntry(root.relativize(p).toString());
                e.setSize(len);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                try (InputStream in = Files.newInputStream(p)) {
                    long n = in.transferTo(new java.io.FilterOutputStream(tar) {
                        long left = len;
                        @Override public void write(byte[] b, int off, int l) throws IOException {
                            int k = (int) Math.min(l, left);
                            if (k > 0) tar.write(b, off, k);
                            left -= k;
                        }
                    });
                    if (n < len) throw new IOException(p + " shrank while it was read");
                } catch (UncheckedIOException ex) {
                    throw ex.getCause();
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        byte[] all = buf.toByteArray();
        if (all.length < size) throw new IOException(root + " holds only " + all.length + " bytes of files; need " + size);
        return java.util.Arrays.copyOf(all, size);
    }
}
