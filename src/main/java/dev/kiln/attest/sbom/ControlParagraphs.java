package dev.kiln.attest.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Debian control-file syntax (dpkg's status database): paragraphs of {@code Field: value}, continuation lines indented. */
final class ControlParagraphs {
    private ControlParagraphs() {}

    static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!cur.isEmpty()) out.add(cur);
                cur = new LinkedHashMap<>();
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                cur.put(last, cur.get(last) + "\n" + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) continue;
                last = line.substring(0, colon).trim();
                cur.put(last, line.substring(colon + 1).strip());
            }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }
}
