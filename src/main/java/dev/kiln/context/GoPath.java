package dev.kiln.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Go's slash-path helpers ({@code path.Clean}, {@code filepath.Dir}) and byte-order name comparison. */
final class GoPath {
    private GoPath() {}

    /** Code point order, which is the byte order of the UTF-8 encodings (what Go's sorted walks use). */
    static final Comparator<String> BYTE_ORDER = GoPath::compare;

    /** Go {@code path.Clean}: lexical shortest form; "" becomes ".", {@code ..} at a rooted start is dropped. */
    static String clean(String path) {
        if (path.isEmpty()) return ".";
        boolean rooted = path.charAt(0) == '/';
        List<String> out = new ArrayList<>();
        for (String seg : path.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) out.removeLast();
                else if (!rooted) out.add("..");
            } else {
                out.add(seg);
            }
        }
        String joined = String.join("/", out);
        if (rooted) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    /** Go {@code filepath.Dir}: everything before the last slash, cleaned. */
    static String dir(String path) {
        return clean(path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** Joins a relative directory ("" or "." = root) and a name. */
    static String join(String dir, String name) {
        return dir.isEmpty() || dir.equals(".") ? name : dir + "/" + name;
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
