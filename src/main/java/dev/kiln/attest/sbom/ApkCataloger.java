package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Alpine's {@code lib/apk/db/installed}: blank-line separated records of {@code X:value} lines (P name, V version, A arch, L licence). */
final class ApkCataloger implements Cataloger {
    static final String INSTALLED = "lib/apk/db/installed";

    @Override
    public boolean wants(String path) {
        return path.equals(INSTALLED);
    }

    @Override
    public List<PackageRecord> read(String path, InputStream in) throws IOException {
        List<PackageRecord> out = new ArrayList<>();
        String name = null, version = null, arch = null, license = null;
        for (String line : (new String(LimitedRead.all(in, path), StandardCharsets.UTF_8) + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (name != null) {
                    out.add(new PackageRecord(Ecosystem.APK, name, version, null,
                            license == null || license.isBlank() ? List.of() : List.of(license), arch));
                }
                name = version = arch = license = null;
            } else if (line.length() > 2 && line.charAt(1) == ':') {
                String v = line.substring(2);
                switch (line.charAt(0)) {
                    case 'P' -> name = v;
                    case 'V' -> version = v;
                    case 'A' -> arch = v;
                    case 'L' -> license = v;
                    default -> { }
                }
            }
        }
        return out;
    }
}
