package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an in-place snapshot of {@code /} must leave out (Kaniko's ignore list, as a value instead of global state):
 * kiln's own directory, every mount point in mountinfo (proc, sys, dev, volumes, service-account secrets …),
 * /etc/hosts, /etc/resolv.conf, /var/run when asked, and the user's --ignore-path values.
 */
public final class InPlaceIgnoreList {
    private InPlaceIgnoreList() {}

    public static List<Path> of(Path kilnDir, Path mountinfo, boolean ignoreVarRun, List<Path> ignorePaths)
            throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        if (kilnDir != null) out.add(kilnDir.toAbsolutePath().normalize());
        out.addAll(mountPoints(Files.readString(mountinfo, StandardCharsets.UTF_8)));
        out.add(Path.of("/etc/hosts"));
        out.add(Path.of("/etc/resolv.conf"));
        if (ignoreVarRun) out.add(Path.of("/var/run"));
        for (Path p : ignorePaths) out.add(p.toAbsolutePath().normalize());
        return List.copyOf(out);
    }

    /** The system's list: /proc/self/mountinfo, /var/run ignored (Kaniko's default). */
    public static List<Path> system(Path kilnDir, List<Path> ignorePaths) throws IOException {
        return of(kilnDir, Path.of("/proc/self/mountinfo"), true, ignorePaths);
    }

    /** The mount points (other than {@code /}) a mountinfo file lists; none when it cannot be read. */
    public static List<Path> mountPoints(Path mountinfo) {
        try {
            return mountPoints(Files.readString(mountinfo, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Mount points (field 5, octal escapes decoded) other than {@code /}. */
    static List<Path> mountPoints(String mountinfo) {
        List<Path> out = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 5) continue;
            String mp = unescape(f[4]);
            if (!mp.equals("/")) out.add(Path.of(mp));
        }
        return out;
    }

    /** mountinfo escapes space, tab, newline and backslash as {@code \ooo}. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
