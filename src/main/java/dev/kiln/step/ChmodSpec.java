package dev.kiln.step;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code COPY/ADD --chmod} value: octal ({@code 755}, {@code 0640}) or symbolic as chmod(1) and BuildKit
 * ({@code u+x,g-w,o=r}, {@code a=rX}, {@code +x}, {@code u=g}), applied to each copied entry's own mode.
 * Without a who, {@code a} is meant (no umask).
 */
public record ChmodSpec(Integer octal, List<Clause> clauses) {
    record Clause(int who, char op, String perms) {}

    public ChmodSpec {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    static ChmodSpec parse(String v) {
        if (v.matches("[0-7]{1,4}")) return new ChmodSpec(Integer.parseInt(v, 8), List.of());
        List<Clause> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            int i = 0;
            int who = 0;
            while (i < part.length() && "ugoa".indexOf(part.charAt(i)) >= 0) {
                who |= switch (part.charAt(i)) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    case 'o' -> 01007;
                    default -> 07777;
                };
                i++;
            }
            if (i >= part.length()) throw invalid(v);
            if (who == 0) who = 07777;
            boolean any = false;
            while (i < part.length()) {
                char op = part.charAt(i++);
                if ("+-=".indexOf(op) < 0) throw invalid(v);
                int start = i;
                while (i < part.length() && "rwxXstugo".indexOf(part.charAt(i)) >= 0) i++;
                String perms = part.substring(start, i);
                if (perms.matches(".*[ugo].*") && perms.length() != 1) throw invalid(v);
                out.add(new Clause(who, op, perms));
                any = true;
            }
            if (!any) throw invalid(v);
        }
        return new ChmodSpec(null, out);
    }

    private static IllegalArgumentException invalid(String v) {
        return new IllegalArgumentException("invalid --chmod=" + v + ": expected an octal mode or symbolic clauses like u+x,g-w,o=r");
    }

    /** The new permission bits for an entry with mode {@code mode} ({@code dir}: X applies). */
    int apply(int mode, boolean dir) {
        if (octal != null) return octal;
        int m = mode & 07777;
        for (Clause c : clauses) {
            int bits = bits(c.perms(), m, dir) & c.who();
            switch (c.op()) {
                case '+' -> m |= bits;
                case '-' -> m &= ~bits;
                default -> {
                    int clear = c.who() & 0777 | (c.who() & 06000) | (c.who() == 07777 ? 01000 : 0);
                    m = (m & ~clear) | bits;
                }
            }
        }
        return m;
    }

    private static int bits(String perms, int mode, boolean dir) {
        int b = 0;
        for (char p : perms.toCharArray()) {
            b |= switch (p) {
                case 'r' -> 0444;
                case 'w' -> 0222;
                case 'x' -> 0111;
                case 'X' -> dir || (mode & 0111) != 0 ? 0111 : 0;
                case 's' -> 06000;
                case 't' -> 01000;
                case 'u' -> copy((mode >> 6) & 7);
                case 'g' -> copy((mode >> 3) & 7);
                default -> copy(mode & 7);
            };
        }
        return b;
    }

    private static int copy(int rwx) {
        return rwx << 6 | rwx << 3 | rwx;
    }
}
