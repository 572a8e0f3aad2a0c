package dev.kiln.attest.sbom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go modules from the build info Go 1.18 and later embed in executables: the {@code \xff Go buildinf:} header of the
 * {@code .go.buildinfo} section, followed (flag 2: strings inline) by the Go version and the module info, whose
 * {@code mod} and {@code dep} lines name the main module and every dependency with its version. Found by scanning the
 * ELF file's bytes as they stream past (no section table needed); older, pointer-based build info is not read.
 */
final class GoBuildInfo {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER = 32;
    private static final int MAX_INFO = 1 << 20;

    private GoBuildInfo() {}

    /** True for a file whose first bytes are ELF's magic. */
    static boolean isElf(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /** The modules of a Go executable's build info, or none; {@code in} starts after the 4 bytes already read as {@code head}. */
    static List<PackageRecord> read(byte[] head, InputStream in) throws IOException {
        byte[] info = find(head, in);
        if (info == null || info.length < HEADER || (info[15] & 2) == 0) return List.of();
        int[] pos = {HEADER};
        byte[] goVersion = varBytes(info, pos);
        byte[] mod = varBytes(info, pos);
        if (goVersion == null || mod == null) return List.of();
        if (mod.length >= 33 && mod[mod.length - 17] == '\n') mod = Arrays.copyOfRange(mod, 16, mod.length - 16); // sentinels
        List<PackageRecord> out = new ArrayList<>();
        for (String line : new String(mod, StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 3 && (f[0].equals("mod") || f[0].equals("dep"))) {
                String version = f[2].equals("(devel)") ? "" : f[2];
                out.add(new PackageRecord(Ecosystem.GOLANG, f[1], version, golangPurl(f[1], version), List.of(), null));
            }
        }
        return out;
    }

    private static String golangPurl(String modulePath, String version) {
        int slash = modulePath.lastIndexOf('/');
        return slash < 0 ? Purls.of(Ecosystem.GOLANG, null, modulePath, version)
                : Purls.of(Ecosystem.GOLANG, modulePath.substring(0, slash), modulePath.substring(slash + 1), version);
    }

    /** Streams until the magic, then returns it and up to {@link #MAX_INFO} bytes after it. */
    private static byte[] find(byte[] head, InputStream in) throws IOException {
        byte[] buf = new byte[256 << 10];
        int keep = Math.min(head.length, buf.length);
        System.arraycopy(head, 0, buf, 0, keep);
        int len = keep;
        while (true) {
            int at = indexOf(buf, len);
            if (at >= 0) {
                ByteArrayOutputStream info = new ByteArrayOutputStream();
                info.write(buf, at, len - at);
                info.write(in.readNBytes(Math.max(0, MAX_INFO - (len - at))));
                return info.toByteArray();
            }
            int tail = Math.min(len, MAGIC.length - 1);
            System.arraycopy(buf, len - tail, buf, 0, tail);
            int n = in.readNBytes(buf, tail, buf.length - tail);
            if (n <= 0) return null;
            len = tail + n;
        }
    }

    private static int indexOf(byte[] buf, int len) {
        outer:
        for (int i = 0; i + MAGIC.length <= len; i++) {
            if (buf[i] != MAGIC[0]) continue;
            for (int j = 1; j < MAGIC.length; j++) if (buf[i + j] != MAGIC[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A uvarint length followed by that many bytes (Go's encoding of the inline strings). */
    private static byte[] varBytes(byte[] b, int[] pos) {
        long n = 0;
        int shift = 0;
        while (pos[0] < b.length) {
            int x = b[pos[0]++] & 0xff;
            n |= (long) (x & 0x7f) << shift;
            if (x < 0x80) break;
            shift += 7;
            if (shift > 35) return null;
        }
        if (n < 0 || pos[0] + n > b.length) return null;
        byte[] s = Arrays.copyOfRange(b, pos[0], pos[0] + (int) n);
        pos[0] += (int) n;
        return s;
    }
}
