package dev.kiln.step;

import dev.kiln.fs.TreeIndex;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Resolves {@code user[:group]} (names or ids) against the stage's /etc/passwd and /etc/group, as
 * BuildKit's file ops do: a user name gives its uid and primary gid, a bare id gives id:id, an
 * explicit group overrides the gid.
 */
public final class Owners {
    record Owner(int uid, int gid) {
        static final Owner ROOT = new Owner(0, 0);
    }

    private Owners() {}

    static Owner resolve(String spec, TreeIndex tree) {
        if (spec == null || spec.isEmpty()) return Owner.ROOT;
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        int uid;
        int gid;
        if (user.matches("\\d+")) {
            uid = parseId(user);
            gid = uid;
        } else {
            String[] pw = lookup(tree, "/etc/passwd", user)
                    .orElseThrow(() -> new IllegalArgumentException("unable to find user " + user + ": no matching entries in passwd file"));
            uid = parseId(pw[2]);
            gid = parseId(pw[3]);
        }
        if (group != null && !group.isEmpty()) {
            if (group.matches("\\d+")) {
                gid = parseId(group);
            } else {
                String[] gr = lookup(tree, "/etc/group", group)
                        .orElseThrow(() -> new IllegalArgumentException("unable to find group " + group + ": no matching entries in group file"));
                gid = parseId(gr[2]);
            }
        }
        return new Owner(uid, gid);
    }

    private static int parseId(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid numeric id '" + s + "'");
        }
    }

    private static Optional<String[]> lookup(TreeIndex tree, String file, String name) {
        byte[] content = tree.captured(file).orElse(null);
        if (content == null) return Optional.empty();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                if (file.endsWith("passwd") && f.length < 4) continue;
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
