package dev.kiln.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Who a process is (effective uid/gid, supplementary groups), read from a {@code /proc/PID/status} file. */
record ProcIdentity(int uid, int gid, List<Integer> groups) {
    ProcIdentity {
        groups = List.copyOf(groups);
    }

    static ProcIdentity read(Path status) throws IOException {
        int uid = -1;
        int gid = -1;
        List<Integer> groups = new ArrayList<>();
        for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "Uid:" -> uid = Integer.parseInt(f[2]);
                case "Gid:" -> gid = Integer.parseInt(f[2]);
                case "Groups:" -> {
                    for (int i = 1; i < f.length; i++) groups.add(Integer.parseInt(f[i]));
                }
                default -> { }
            }
        }
        if (uid < 0 || gid < 0) throw new SandboxException("no Uid/Gid lines in " + status);
        return new ProcIdentity(uid, gid, groups);
    }

    /** Whether a process with this identity already is {@code user} (same ids and the same supplementary groups). */
    boolean is(ResolvedUser user) {
        return uid == user.uid() && gid == user.gid()
                && groups.stream().sorted().toList().equals(user.supplementaryGids().stream().sorted().toList());
    }
}
