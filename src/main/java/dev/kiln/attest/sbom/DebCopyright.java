package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The licences a Debian package declares: the {@code License:} fields of its machine-readable (DEP-5)
 * {@code usr/share/doc/<package>/copyright}. A free-form copyright file declares none kiln can read.
 */
final class DebCopyright {
    private static final String DOC = "usr/share/doc/";

    private DebCopyright() {}

    static boolean wants(String path) {
        return path.startsWith(DOC) && path.endsWith("/copyright") && path.indexOf('/', DOC.length()) == path.length() - "/copyright".length();
    }

    static String packageOf(String path) {
        return path.substring(DOC.length(), path.length() - "/copyright".length());
    }

    static List<String> licenses(String path, InputStream in) throws IOException {
        String text = new String(LimitedRead.all(in, path), StandardCharsets.UTF_8);
        if (!text.startsWith("Format:")) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("License:")) continue;
            String v = line.substring("License:".length()).strip();
            if (!v.isEmpty()) out.add(v);
        }
        return new ArrayList<>(out);
    }
}
