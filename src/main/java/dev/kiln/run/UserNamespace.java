package dev.kiln.run;

import java.util.ArrayList;
import java.util.List;

/**
 * How a RUN gets root when kiln is not: a user namespace whose root is kiln's own uid and gid ({@code unshare --user
 * --map-root-user}), plus, with {@code ranges}, container ids 1… mapped to kiln's subordinate ids ({@code --map-auto},
 * newuidmap/newgidmap). Without ranges only id 0 exists in the namespace: RUN runs as root only and cannot change
 * its groups or switch user (apt's {@code _apt} sandbox, useradd's chown to a new user fail).
 *
 * @param kilnUid    kiln's uid on the host (the namespace's root)
 * @param mappedUids how many container uids exist (0 … mappedUids-1); likewise gids
 * @param why        why this mapping was picked, for the debug log
 */
public record UserNamespace(int kilnUid, boolean ranges, long mappedUids, long mappedGids, String why) {
    /** unshare's options that make the user namespace and its maps. */
    List<String> unshareOptions() {
        List<String> o = new ArrayList<>(List.of("--user", "--map-root-user"));
        if (ranges) o.add("--map-auto");
        return o;
    }

    /** Whether container uid {@code uid} and gid {@code gid} exist in the namespace. */
    public boolean mapped(int uid, int gid) {
        return uid >= 0 && gid >= 0 && uid < mappedUids && gid < mappedGids;
    }

    public String describe() {
        return ranges ? "a user namespace mapping root to uid " + kilnUid + " and ids 1-" + (mappedUids - 1)
                + " to its subordinate ids (" + why + ")"
                : "a user namespace mapping only root to uid " + kilnUid + " (" + why + ")";
    }
}
