package dev.kiln.fs.snapshot;

import dev.kiln.fs.LayerPaths;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two {@link SnapshotIndex}es of the same rootfs, in layer order: parents before children,
 * and within a directory the deletions (whiteouts) before the other entries (OCI image-spec: "whiteout files
 * appear before sibling directory entries").
 *
 * <p>Deletions are reported once per deleted subtree (the topmost gone path) and only where the parent is
 * still a directory: a directory replaced by a file or symlink is a {@link Change.Kind#TYPE_CHANGED} entry,
 * and applying it removes the old directory with its contents (image-spec "changeset over existing files"),
 * so its old children need no whiteouts. A directory deleted and recreated gets explicit whiteouts for its
 * old children that are gone, never an opaque marker (the image-spec says layers SHOULD use explicit whiteouts).
 */
public final class Diff {
    private final List<Change> changes;

    private Diff(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    public static Diff between(SnapshotIndex before, SnapshotIndex after, SnapshotMode mode) {
        SnapshotMode.Compare cmp = mode.compare();
        Set<String> ignored = new HashSet<>(before.ignored());
        ignored.addAll(after.ignored());
        boolean filter = !before.ignored().equals(after.ignored());
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, StatEntry> e : after.entries().entrySet()) {
            String p = e.getKey();
            StatEntry a = e.getValue();
            StatEntry b = before.get(p);
            Change.Kind k = b == null ? Change.Kind.ADDED
                    : b.kind() != a.kind() ? Change.Kind.TYPE_CHANGED
                    : changed(b, a, cmp) ? Change.Kind.MODIFIED : null;
            if (k != null && !(filter && covered(p, ignored))) out.add(new Change(p, k));
        }
        for (String p : before.entries().keySet()) {
            if (after.get(p) != null) continue;
            String parent = LayerPaths.parent(p);
            StatEntry ap = parent.equals("/") ? null : after.get(parent);
            boolean parentIsDir = parent.equals("/") || (ap != null && ap.kind() == FileKind.DIR);
            if (parentIsDir && !(filter && covered(p, ignored))) out.add(new Change(p, Change.Kind.DELETED));
        }
        out.sort(Comparator.comparing(Diff::orderKey));
        return new Diff(out);
    }

    /** This diff with only the changes {@code keep} accepts (order kept). */
    public Diff filter(java.util.function.Predicate<Change> keep) {
        return new Diff(changes.stream().filter(keep).toList());
    }

    static boolean changed(StatEntry b, StatEntry a, SnapshotMode.Compare cmp) {
        if (cmp == SnapshotMode.Compare.MTIME) return b.mtimeNanos() != a.mtimeNanos();
        if (b.kind() == FileKind.DIR && a.kind() == FileKind.DIR) {
            // a directory's size, link count and ctime follow its children, which are compared themselves; a
            // sandbox that creates and removes a mount point (restoring the mtime) must not make it "changed"
            return b.mtimeNanos() != a.mtimeNanos() || b.mode() != a.mode() || b.uid() != a.uid() || b.gid() != a.gid()
                    || b.inode() != a.inode() || b.device() != a.device();
        }
        boolean stat = b.size() != a.size() || b.mtimeNanos() != a.mtimeNanos() || b.ctimeNanos() != a.ctimeNanos()
                || b.mode() != a.mode() || b.uid() != a.uid() || b.gid() != a.gid() || b.inode() != a.inode()
                || b.device() != a.device() || b.nlink() != a.nlink() || b.rdev() != a.rdev()
                || !Objects.equals(b.linkTarget(), a.linkTarget());
        if (cmp == SnapshotMode.Compare.STAT) return stat;
        return stat || !Objects.equals(b.contentHash(), a.contentHash());
    }

    private static boolean covered(String p, Set<String> ignored) {
        for (String q = p; !q.equals("/"); q = LayerPaths.parent(q)) if (ignored.contains(q)) return true;
        return false;
    }

    /** Sort key: the path, with a whiteout sorting before its siblings ("\0" is below every name byte). */
    static String orderKey(Change c) {
        if (c.kind() != Change.Kind.DELETED) return c.path();
        return LayerPaths.parent(c.path()) + (LayerPaths.parent(c.path()).equals("/") ? "" : "/") + "\0" + LayerPaths.baseName(c.path());
    }

    /** The changes in layer order. */
    public List<Change> changes() {
        return changes;
    }

    /** True when the RUN changed nothing: no layer is needed. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    @Override
    public String toString() {
        return "Diff" + changes;
    }
}
