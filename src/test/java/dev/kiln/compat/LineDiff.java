package dev.kiln.compat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A small line diff for failure messages: lines only in A ({@code -}) and only in B ({@code +}), in order. */
final class LineDiff {
    private LineDiff() {}

    static String diff(List<String> a, List<String> b) {
        Set<String> sa = new LinkedHashSet<>(a);
        Set<String> sb = new LinkedHashSet<>(b);
        StringBuilder out = new StringBuilder();
        for (String l : a) if (!sb.contains(l)) out.append("- ").append(l).append('\n');
        for (String l : b) if (!sa.contains(l)) out.append("+ ").append(l).append('\n');
        return out.toString();
    }
}
