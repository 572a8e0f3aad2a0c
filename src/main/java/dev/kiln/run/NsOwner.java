package dev.kiln.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One path's owner and mode as seen inside kiln's user namespace (container ids): set there before a RUN
 * ({@link RunSpec#owners}) and reported after it ({@link RunResult#owners}).
 *
 * @param path absolute container path
 * @param mode permission bits incl. setuid/setgid/sticky; -1 for a symlink (no mode to set)
 */
public record NsOwner(String path, int uid, int gid, int mode) {
    public NsOwner {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + path);
        if (uid < 0 || gid < 0) throw new IllegalArgumentException("negative owner " + uid + ":" + gid + " of " + path);
    }

    /**
     * Parses find's {@code -printf '%U %G %m %y %P\0'} records ({@code %P} relative to the rootfs, empty for itself).
     * A symlink gets mode -1.
     */
    static List<NsOwner> parse(byte[] report) {
        List<NsOwner> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < report.length; i++) {
            if (report[i] != 0) continue;
            String rec = new String(report, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            String[] f = rec.split(" ", 5);
            if (f.length < 5) throw new IllegalArgumentException("malformed owner record '" + rec + "'");
            int mode = f[3].equals("l") ? -1 : Integer.parseInt(f[2], 8);
            out.add(new NsOwner("/" + f[4], Integer.parseInt(f[0]), Integer.parseInt(f[1]), mode));
        }
        return out;
    }
}
