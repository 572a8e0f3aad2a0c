package dev.kiln.fs;

import java.util.ArrayList;
import java.util.List;

/** Path helpers for layer entries: absolute, cleaned, slash-separated paths inside a rootfs. */
public final class LayerPaths {
    private LayerPaths() {}

    /** Cleans a path like Go's path.Clean applied to "/"+p: never escapes "/" ("/../a" is "/a"). */
    public static String clean(String p) {
        List<String> out = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (!out.isEmpty()) out.removeLast();
                continue;
            }
            out.add(seg);
        }
        return "/" + String.join("/", out);
    }

    /** Joins a base directory and a path; an absolute {@code p} ignores the base. */
    public static String resolve(String baseDir, String p) {
        if (p.startsWith("/")) return clean(p);
        return clean(baseDir + "/" + p);
    }

    /** The tar entry name for an absolute path: no leading slash, directories end with "/". */
    public static String entryName(String absPath, boolean directory) {
        String n = clean(absPath).substring(1);
        return directory && !n.isEmpty() ? n + "/" : n;
    }

    /** The parent of a cleaned absolute path ("/" for top-level entries and for "/"). */
    public static String parent(String absPath) {
        int i = absPath.lastIndexOf('/');
        return i <= 0 ? "/" : absPath.substring(0, i);
    }

    /** Ancestors of a cleaned absolute path, outermost first, excluding "/" and the path itself. */
    public static List<String> ancestors(String absPath) {
        List<String> l = new ArrayList<>();
        for (String p = parent(absPath); !p.equals("/"); p = parent(p)) l.addFirst(p);
        return l;
    }

    public static String baseName(String absPath) {
        return absPath.substring(absPath.lastIndexOf('/') + 1);
    }
}
