package dev.kiln.fs;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata of a filesystem tree (no contents): what exists at each absolute path. Built from an
 * image's layers by {@link LayerIndexer} and updated as a stage writes; owned by one stage, not shared.
 * Symlinks in parent components are resolved inside the tree, never outside its root.
 */
public final class TreeIndex {
    private static final int MAX_LINKS = 40;
    private final NavigableMap<String, FsNode> nodes = new TreeMap<>();
    private final Map<String, byte[]> captured = new TreeMap<>();

    public TreeIndex() {
        nodes.put("/", FsNode.dir(0755, 0, 0));
    }

    public TreeIndex copy() {
        TreeIndex t = new TreeIndex();
        t.nodes.putAll(nodes);
        t.captured.putAll(captured);
        return t;
    }

    public Optional<FsNode> get(String absPath) {
        return Optional.ofNullable(nodes.get(LayerPaths.clean(absPath)));
    }

    public void put(String absPath, FsNode node) {
        String p = LayerPaths.clean(absPath);
        FsNode old = nodes.get(p);
        if (old != null && old.isDir() && !node.isDir()) removeChildren(p);
        nodes.put(p, node);
    }

    /** Deletes a path and everything below it. */
    public void remove(String absPath) {
        String p = LayerPaths.clean(absPath);
        nodes.remove(p);
        removeChildren(p);
        captured.keySet().removeIf(k -> k.equals(p) || k.startsWith(p + "/"));
    }

    /** Deletes everything below a directory (an opaque whiteout). */
    public void removeChildren(String absPath) {
        String p = LayerPaths.clean(absPath);
        String prefix = p.equals("/") ? "/" : p + "/";
        nodes.subMap(prefix, true, prefix + Character.MAX_VALUE, false).clear();
        if (p.equals("/")) nodes.put("/", FsNode.dir(0755, 0, 0));
    }

    /** Small files whose contents were kept while indexing (e.g. /etc/passwd, /etc/group). */
    public Optional<byte[]> captured(String absPath) {
        return Optional.ofNullable(captured.get(LayerPaths.clean(absPath)));
    }

    public void capture(String absPath, byte[] content) {
        captured.put(LayerPaths.clean(absPath), content);
    }

    /**
     * Resolves symlinks in every component except the last ({@code followLast} false) as the kernel
     * would inside a chroot at this tree's root: ".." never climbs above "/", absolute targets are
     * relative to the root.
     */
    public String resolve(String absPath, boolean followLast) {
        return resolve(LayerPaths.clean(absPath), followLast, 0);
    }

    private String resolve(String path, boolean followLast, int depth) {
        if (depth > MAX_LINKS) throw new IllegalArgumentException("too many levels of symbolic links at " + path);
        String[] segs = path.substring(1).split("/");
        String cur = "/";
        for (int i = 0; i < segs.length; i++) {
            if (segs[i].isEmpty()) continue;
            String next = cur.equals("/") ? "/" + segs[i] : cur + "/" + segs[i];
            FsNode n = nodes.get(next);
            boolean last = i == segs.length - 1;
            if (n != null && n.type() == FsNode.Type.SYMLINK && (!last || followLast)) {
                String target = n.linkTarget();
                String base = target.startsWith("/") ? target : cur + "/" + target;
                StringBuilder rest = new StringBuilder();
                for (int j = i + 1; j < segs.length; j++) rest.append('/').append(segs[j]);
                return resolve(LayerPaths.clean(base + rest), followLast, depth + 1);
            }
            cur = next;
        }
        return cur;
    }

    public int size() {
        return nodes.size();
    }

    /** Same nodes and the same captured contents. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TreeIndex t) || !nodes.equals(t.nodes) || !captured.keySet().equals(t.captured.keySet())) return false;
        for (Map.Entry<String, byte[]> e : captured.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), t.captured.get(e.getKey()))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return "TreeIndex[" + nodes.size() + " nodes, captured " + captured.keySet() + "]";
    }
}
