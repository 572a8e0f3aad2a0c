package dev.kiln.fs.extract;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A tar reader that also keeps the raw bytes of each entry's local PAX header, because
 * commons-compress decodes PAX values as UTF-8 and so mangles binary xattr values such as
 * {@code security.capability}. {@link #xattrs()} gives the current entry's {@code SCHILY.xattr.*}
 * values byte for byte. One instance per stream, used by one thread.
 */
final class XattrTarInputStream extends TarArchiveInputStream {
    private static final int MAX_PAX = 1 << 24;
    private final ByteArrayOutputStream pax = new ByteArrayOutputStream();
    private int depth;

    XattrTarInputStream(InputStream in) {
        super(in);
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
        // commons-compress calls getNextEntry() again after reading a PAX header: keep what was captured
        if (depth == 0) pax.reset();
        depth++;
        try {
            return super.getNextEntry();
        } finally {
            depth--;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        TarArchiveEntry cur = getCurrentEntry();
        if (n > 0 && cur != null && cur.isPaxHeader() && !cur.isGlobalPaxHeader()) {
            if (pax.size() + n > MAX_PAX) throw new IOException("PAX header of " + cur.getName() + " exceeds " + MAX_PAX + " bytes");
            pax.write(buf, off, n);
        }
        return n;
    }

    /** The xattrs of the entry last returned by {@link #getNextEntry()}. */
    Map<String, byte[]> xattrs() throws IOException {
        return pax.size() == 0 ? Map.of() : PaxRecords.xattrs(pax.toByteArray());
    }
}
