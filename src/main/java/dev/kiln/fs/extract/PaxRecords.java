package dev.kiln.fs.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binary-safe parsing of PAX extended header records ({@code "%d %s=%s\n"}). */
final class PaxRecords {
    static final String SCHILY = "SCHILY.xattr.";
    static final String LIBARCHIVE = "LIBARCHIVE.xattr.";

    private PaxRecords() {}

    /** xattr name → raw value from SCHILY.xattr.* (and libarchive's base64 LIBARCHIVE.xattr.*) records. */
    static Map<String, byte[]> xattrs(byte[] data) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) break; // padding
            int sp = pos;
            long len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9') {
                len = len * 10 + (data[sp++] - '0');
                if (len > data.length) throw bad(pos);
            }
            if (sp == pos || sp >= data.length || data[sp] != ' ' || pos + len > data.length || len < sp - pos + 3) throw bad(pos);
            int end = (int) (pos + len) - 1; // the record's trailing newline
            if (data[end] != '\n') throw bad(pos);
            int eq = sp + 1;
            while (eq < end && data[eq] != '=') eq++;
            if (eq == end) throw bad(pos);
            String key = new String(data, sp + 1, eq - sp - 1, StandardCharsets.UTF_8);
            byte[] value = Arrays.copyOfRange(data, eq + 1, end);
            if (key.startsWith(SCHILY) && key.length() > SCHILY.length()) {
                out.put(key.substring(SCHILY.length()), value);
            } else if (key.startsWith(LIBARCHIVE) && key.length() > LIBARCHIVE.length()) {
                String name = java.net.URLDecoder.decode(key.substring(LIBARCHIVE.length()), StandardCharsets.UTF_8);
                out.put(name, Base64.getDecoder().decode(new String(value, StandardCharsets.US_ASCII).trim()));
            }
            pos = end + 1;
        }
        return out;
    }

    private static IOException bad(int offset) {
        return new IOException("malformed PAX record at offset " + offset);
    }
}
