package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a Dockerfile USER ({@code name|uid[:group|gid]}) against the rootfs's own /etc/passwd and /etc/group,
 * never the host's, with runc's rules (which BuildKit and Docker use): a numeric uid without an entry is allowed and
 * gets gid 0 and home {@code /}; an explicit group replaces the primary gid and then no supplementary groups apply;
 * otherwise the supplementary groups are those whose member list names the user. Missing files count as empty.
 * As BuildKit, {@code uid:gid} with both parts numbers or {@code root} needs no entry at all ({@code USER root:root}
 * works on an image without /etc/passwd, {@code USER root} alone does not).
 */
public final class UserResolver {
    private static final long MAX_ID = Integer.MAX_VALUE;

    private UserResolver() {}

    public static ResolvedUser resolve(Path rootfs, String spec) throws IOException {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String userArg = colon < 0 ? s : s.substring(0, colon);
        String groupArg = colon < 0 ? "" : s.substring(colon + 1);
        List<String[]> passwd = read(rootfs, "/etc/passwd", 7);
        Integer uidArg = argument(userArg, "uid", spec);
        Integer fastGid = colon < 0 ? null : fastId(groupArg, "gid", spec);
        Integer fastUid = colon < 0 ? null : fastId(userArg, "uid", spec);
        if (fastUid != null && fastGid != null) {
            // BuildKit's fast path (executor/oci/user.go ParseUIDGID): user and group both given as ids or "root"
            // need no passwd or group file; the passwd entry of that uid, if any, only names it and gives HOME
            for (String[] p : passwd) {
                if (fastUid.equals(numeric(p[2]))) return new ResolvedUser(p[0], fastUid, fastGid, List.of(), p[5]);
            }
            return new ResolvedUser("", fastUid, fastGid, List.of(), "/");
        }
        String[] entry = null;
        for (String[] p : passwd) {
            Integer id = numeric(p[2]);
            boolean match = userArg.isEmpty() ? Integer.valueOf(0).equals(id) : uidArg != null ? uidArg.equals(id) : p[0].equals(userArg);
            if (match && id != null) { entry = p; break; }
        }
        if (entry == null && uidArg == null && !userArg.isEmpty()) {
            throw new SandboxException("unable to find user " + userArg + ": no matching entries in passwd file");
        }
        String name = entry == null ? "" : entry[0];
        int uid = entry != null ? Integer.parseInt(entry[2]) : uidArg == null ? 0 : uidArg;
        int gid = entry != null && numeric(entry[3]) != null ? Integer.parseInt(entry[3]) : 0;
        String home = entry != null ? entry[5] : "/";
        List<Integer> sgids = new ArrayList<>();
        if (!groupArg.isEmpty() || !name.isEmpty()) {
            Integer gidArg = argument(groupArg, "gid", spec);
            Integer explicit = null;
            for (String[] g : read(rootfs, "/etc/group", 4)) {
                Integer id = numeric(g[2]);
                if (id == null) continue;
                if (groupArg.isEmpty()) {
                    if (List.of(g[3].split(",")).contains(name) && !sgids.contains(id)) sgids.add(id);
                } else if (explicit == null && (gidArg != null ? gidArg.equals(id) : g[0].equals(groupArg))) {
                    explicit = id;
                }
            }
            if (!groupArg.isEmpty()) {
                if (explicit == null && gidArg == null) {
                    throw new SandboxException("unable to find group " + groupArg + ": no matching entries in group file");
                }
                gid = explicit != null ? explicit : gidArg;
            }
        }
        return new ResolvedUser(name, uid, gid, sgids, home);
    }

    /** A numeric USER part as a number (null for a name); a number out of range is an error. */
    private static Integer argument(String s, String what, String spec) throws SandboxException {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) return null;
        Integer n = numeric(s);
        if (n == null) throw new SandboxException(what + " " + s + " out of range in USER " + spec);
        return n;
    }

    /** A USER part BuildKit parses without the user database: {@code root} is 0, else a number (null otherwise). */
    private static Integer fastId(String s, String what, String spec) throws SandboxException {
        return s.equals("root") ? Integer.valueOf(0) : argument(s, what, spec);
    }

    /** The number in a passwd/group field, null when it is not a number in 0..2^31-1. */
    private static Integer numeric(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) return null;
        long n = Long.parseLong(s);
        return n > MAX_ID ? null : (int) n;
    }

    /** The colon-separated entries of a rootfs file, each padded to {@code fields}; comments and blanks skipped. */
    private static List<String[]> read(Path rootfs, String file, int fields) throws IOException {
        Path p = RootfsPaths.resolve(rootfs.toRealPath(), file);
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(p)) return out;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("+") || l.startsWith("-")) continue;
            String[] parts = l.split(":", -1);
            String[] padded = new String[fields];
            for (int i = 0; i < fields; i++) padded[i] = i < parts.length ? parts[i].strip() : "";
            out.add(padded);
        }
        return out;
    }
}
