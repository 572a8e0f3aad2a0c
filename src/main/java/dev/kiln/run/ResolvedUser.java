package dev.kiln.run;

import java.util.List;

/**
 * A Dockerfile USER resolved against a rootfs's /etc/passwd and /etc/group.
 *
 * @param name                the passwd entry's name, empty for a numeric id without an entry
 * @param supplementaryGids   groups whose member list names the user (only when no group was given explicitly)
 * @param home                the passwd home directory, {@code /} without an entry
 */
public record ResolvedUser(String name, int uid, int gid, List<Integer> supplementaryGids, String home) {
    public ResolvedUser {
        if (uid < 0 || gid < 0) throw new IllegalArgumentException("negative uid/gid: " + uid + ":" + gid);
        supplementaryGids = List.copyOf(supplementaryGids);
        if (home == null || home.isEmpty()) home = "/";
    }

    public static final ResolvedUser ROOT = new ResolvedUser("root", 0, 0, List.of(), "/root");

    /** {@code uid:gid} as chroot --userspec takes it. */
    public String userspec() {
        return uid + ":" + gid;
    }

    /** The supplementary groups comma-separated, empty when there are none. */
    public String groupList() {
        return String.join(",", supplementaryGids.stream().map(String::valueOf).toList());
    }
}
