package dev.kiln.attest.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dpkg's database: {@code var/lib/dpkg/status} and distroless images' {@code var/lib/dpkg/status.d/*}. Only
 * packages whose status is "installed" are listed (as {@code dpkg-query -W -f '${db:Status-Status}'} says).
 */
final class DpkgCataloger implements Cataloger {
    static final String STATUS = "var/lib/dpkg/status";
    private static final String STATUS_D = "var/lib/dpkg/status.d/";

    @Override
    public boolean wants(String path) {
        return path.equals(STATUS) || (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0
                && !path.endsWith(".md5sums"));
    }

    @Override
    public List<PackageRecord> read(String path, InputStream in) throws IOException {
        String text = new String(LimitedRead.all(in, path), StandardCharsets.UTF_8);
        List<PackageRecord> out = new ArrayList<>();
        for (Map<String, String> p : ControlParagraphs.parse(text)) {
            String name = p.get("Package");
            String status = p.get("Status");
            if (name == null || (status != null && !status.endsWith(" installed"))) continue;
            out.add(new PackageRecord(Ecosystem.DEB, name, p.get("Version"), null, List.of(), p.get("Architecture")));
        }
        return out;
    }
}
