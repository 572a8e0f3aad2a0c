package dev.kiln.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * compat/allowlist.tsv: {@code CASE<TAB>REGEX<TAB>REASON} lines ({@code *} = every case); a line of the normalized
 * image dump (image-compare.sh --dump) matching REGEX is left out of the comparison for that case. Every entry must
 * give its reason; compat/ALLOWLIST.md explains them.
 */
record Allowlist(List<Entry> entries) {
    record Entry(String caseName, Pattern pattern, String reason) {}

    static Allowlist read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 3 || f[2].isBlank()) throw new IllegalArgumentException(file + ":" + n + ": expected CASE<TAB>REGEX<TAB>REASON");
            out.add(new Entry(f[0], Pattern.compile(f[1]), f[2]));
        }
        return new Allowlist(out);
    }

    boolean allowed(String caseName, String dumpLine) {
        for (Entry e : entries) {
            if ((e.caseName().equals("*") || e.caseName().equals(caseName)) && e.pattern().matcher(dumpLine).find()) return true;
        }
        return false;
    }

    List<String> filter(String caseName, List<String> lines) {
        return lines.stream().filter(l -> !allowed(caseName, l)).toList();
    }
}
