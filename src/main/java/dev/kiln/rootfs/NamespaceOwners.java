package dev.kiln.rootfs;

import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.snapshot.Change;
import dev.kiln.fs.snapshot.Diff;
import dev.kiln.fs.snapshot.FileKind;
import dev.kiln.fs.snapshot.SnapshotIndex;
import dev.kiln.fs.snapshot.StatEntry;
import dev.kiln.run.NsOwner;
import dev.kiln.run.UserNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a non-root rootfs's virtual-ownership map true across a RUN in a user namespace. Outside RUNs every file on
 * disk is kiln's (the namespace's root) with an owner-accessible mode, and the map holds the owners and modes the
 * image says. Before a RUN, {@link #toSet} lists the recorded owners and modes the namespace can show on disk
 * (mapped ids; never device placeholders), so the command sees the image's owners (useradd keeps /etc/shadow's
 * group, apt finds its {@code _apt} directories). After it, {@link #reconcile} records what the RUN left: the owners
 * the sandbox reported (in-namespace ids), root for every other changed path, and drops the paths that only had their
 * owners set and given back (their ctime moved, nothing else).
 */
public final class NamespaceOwners {
    private NamespaceOwners() {}

    /** The recorded owners and modes to set inside the namespace before a RUN on {@code root}. */
    public static List<NsOwner> toSet(VirtualOwnership virtual, Path root, UserNamespace ns) throws IOException {
        List<NsOwner> out = new ArrayList<>();
        if (virtual == null) return out;
        int selfUid = virtual.self().uid();
        for (Map.Entry<String, VirtualOwnership.Recorded> e : virtual.records().entrySet()) {
            VirtualOwnership.Recorded r = e.getValue();
            if (r.device() != null || !ns.mapped(r.uid(), r.gid()) || e.getKey().equals("/")) continue;
            Path p = root.resolve(e.getKey().substring(1));
            Map<String, Object> a;
            try {
                a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            if ((int) a.get("uid") != selfUid) continue; // not kiln's on disk: nothing to translate
            boolean symlink = Files.isSymbolicLink(p);
            int diskMode = (int) a.get("mode") & 07777;
            if (r.uid() != 0 || r.gid() != 0 || (!symlink && r.mode() != diskMode)) {
                out.add(new NsOwner(e.getKey(), r.uid(), r.gid(), symlink ? -1 : r.mode()));
            }
        }
        return out;
    }

    /**
     * Records in {@code virtual} what the RUN left on the changed paths of {@code diff} and returns the diff without
     * the paths {@code set} before the RUN and untouched by it.
     *
     * @param reported the sandbox's report ({@link dev.kiln.run.RunResult#owners}): paths not owned by the
     *                 namespace's root or not owner-accessible, in container ids
     * @param set      what {@link #toSet} listed before the RUN
     */
    public static Diff reconcile(VirtualOwnership virtual, Diff diff, SnapshotIndex before, SnapshotIndex after,
                                 List<NsOwner> reported, List<NsOwner> set, UserNamespace ns) {
        Map<String, NsOwner> rep = new HashMap<>();
        for (NsOwner o : reported) rep.put(o.path(), o);
        Set<String> setBefore = new java.util.HashSet<>();
        for (NsOwner o : set) setBefore.add(o.path());
        return diff.filter(c -> {
            String p = c.path();
            if (c.kind() == Change.Kind.DELETED) {
                virtual.forgetTree(p);
                return true;
            }
            StatEntry a = after.get(p);
            StatEntry b = before.get(p);
            if (a == null) return true;
            if (c.kind() == Change.Kind.MODIFIED && setBefore.contains(p) && onlyCtime(b, a)) return false;
            record(virtual, p, c.kind(), a, rep.get(p), ns);
            return true;
        });
    }

    /**
     * The diff of several RUNs ({@code --single-snapshot}) whose owners each RUN reconciled already: without the
     * paths whose only change is their ctime (owners set before a RUN and given back after it).
     */
    public static Diff withoutCtimeOnly(Diff diff, SnapshotIndex before, SnapshotIndex after) {
        return diff.filter(c -> c.kind() != Change.Kind.MODIFIED || after.get(c.path()) == null
                || !onlyCtime(before.get(c.path()), after.get(c.path())));
    }

    private static void record(VirtualOwnership virtual, String p, Change.Kind kind, StatEntry a, NsOwner reported, UserNamespace ns) {
        VirtualOwnership.Recorded old = kind == Change.Kind.MODIFIED ? virtual.get(p).orElse(null) : null;
        int uid = 0;
        int gid = 0;
        int mode = a.mode();
        if (reported != null) {
            uid = reported.uid();
            gid = reported.gid();
            if (reported.mode() >= 0) mode = reported.mode();
        } else if (old != null && !ns.mapped(old.uid(), old.gid())) {
            uid = old.uid(); // never shown in the namespace: the RUN could not have changed it
            gid = old.gid();
        }
        VirtualOwnership.Device device = old != null && a.kind() == FileKind.FILE ? old.device() : null;
        Map<String, byte[]> xattrs = old != null ? old.xattrs() : Map.of();
        virtual.put(p, new VirtualOwnership.Recorded(uid, gid, mode, device, xattrs), a.mode());
    }

    private static boolean onlyCtime(StatEntry b, StatEntry a) {
        return b != null && b.kind() == a.kind() && b.size() == a.size() && b.mtimeNanos() == a.mtimeNanos()
                && b.mode() == a.mode() && b.uid() == a.uid() && b.gid() == a.gid() && b.inode() == a.inode()
                && b.nlink() == a.nlink() && java.util.Objects.equals(b.linkTarget(), a.linkTarget())
                && java.util.Objects.equals(b.contentHash(), a.contentHash());
    }
}
