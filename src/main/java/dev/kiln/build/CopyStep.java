package dev.kiln.build;

import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.TreeIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COPY and ADD of local sources: writes exactly the paths it copies (no filesystem walk) into a new
 * layer, following BuildKit's destination rules.
 */
final class CopyStep {
    private final WordExpander words;
    private final HistoryClock clock;
    private final LayerFactory layers;
    private final SourceTree context;

    CopyStep(WordExpander words, HistoryClock clock, LayerFactory layers, SourceTree context) {
        this.words = words;
        this.clock = clock;
        this.layers = layers;
        this.context = context;
    }

    void copy(StageState s, Copy c) throws IOException {
        if (c.from() != null) throw unsupported(c.location(), "COPY --from");
        if (c.parents()) throw unsupported(c.location(), "COPY --parents");
        if (!c.excludes().isEmpty()) throw unsupported(c.location(), "COPY --exclude");
        run(s, "COPY", c.location(), c.paths(), c.chown(), c.chmod());
    }

    void add(StageState s, Add c) throws IOException {
        if (!c.excludes().isEmpty()) throw unsupported(c.location(), "ADD --exclude");
        if (c.parents()) throw unsupported(c.location(), "ADD --parents");
        if (c.checksum() != null) throw unsupported(c.location(), "ADD --checksum");
        for (String src : c.paths().sources()) {
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("git@")) {
                throw unsupported(c.location(), "ADD from a URL");
            }
            if (!Boolean.FALSE.equals(c.unpack()) && lower.matches(".*\\.(tar|tgz|tar\\.gz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst)$")) {
                throw unsupported(c.location(), "ADD of a local archive (auto-extraction)");
            }
        }
        run(s, "ADD", c.location(), c.paths(), c.chown(), c.chmod());
    }

    private static BuildException unsupported(SourceLocation loc, String what) {
        return BuildException.at(loc, what + " is not supported yet");
    }

    private void run(StageState s, String keyword, SourceLocation loc, SourcesAndDest p, String chown, String chmod) throws IOException {
        if (!p.heredocs().isEmpty()) throw unsupported(loc, keyword + " with a heredoc source");
        String dest = words.expand(p.dest(), s.scope());
        String wd = s.container().workingDir() == null || s.container().workingDir().isEmpty() ? "/" : s.container().workingDir();
        boolean destIsDirSyntax = dest.isEmpty() || dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
        String destAbs = LayerPaths.resolve(wd, dest.isEmpty() ? "." : dest);
        TreeIndex tree = s.tree();
        Owners.Owner owner;
        try {
            owner = Owners.resolve(chown == null ? null : words.expand(chown, s.scope()), tree);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(loc, e.getMessage());
        }
        Integer mode = chmod == null ? null : parseChmod(words.expand(chmod, s.scope()), loc);

        List<String> srcWords = new ArrayList<>();
        List<SourceEntry> matches = new ArrayList<>();
        for (String src : p.sources()) {
            String w = words.expand(src, s.scope());
            srcWords.add(w);
            try {
                matches.addAll(context.match(w));
            } catch (IllegalArgumentException | IOException e) {
                throw BuildException.at(loc, keyword + " failed: " + e.getMessage(), e);
            }
        }
        String realDest = tree.resolve(destAbs, true);
        boolean destIsDir = destIsDirSyntax || tree.get(realDest).map(FsNode::isDir).orElse(false);
        if (!destIsDir && (p.sources().size() > 1 || matches.size() > 1)) {
            throw BuildException.at(loc, "When using " + keyword + " with more than one source file, the destination must be a directory and end with a /");
        }

        Writer writer = new Writer(tree, owner, mode);
        try (LayerWriter w = layers.newWriter()) {
            writer.w = w;
            for (SourceEntry m : matches) {
                if (m.kind() == SourceEntry.Kind.DIR) {
                    writer.ensureDir(destAbs);
                    String base = tree.resolve(destAbs, true);
                    for (SourceEntry child : context.walk(m)) {
                        String rel = m.relPath().equals(".") ? child.relPath()
                                : child.relPath().substring(m.relPath().length() + 1);
                        writer.put(base + "/" + rel, child);
                    }
                } else {
                    String target = destIsDir ? destAbs + "/" + m.baseName() : destAbs;
                    writer.put(target, m);
                }
            }
            String msg = keyword + " " + String.join(" ", srcWords) + " " + dest + " # buildkit";
            s.addLayer(w.finish(), clock.entry(msg, true));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static int parseChmod(String v, SourceLocation loc) {
        if (!v.matches("[0-7]{1,4}")) throw unsupported(loc, "--chmod=" + v + " (only octal modes for now)");
        return Integer.parseInt(v, 8);
    }

    /** Writes entries into one layer, creating missing parent directories and tracking the tree. */
    private final class Writer {
        private final TreeIndex tree;
        private final Owners.Owner owner;
        private final Integer chmod;
        LayerWriter w;

        Writer(TreeIndex tree, Owners.Owner owner, Integer chmod) {
            this.tree = tree;
            this.owner = owner;
            this.chmod = chmod;
        }

        void ensureDir(String abs) throws IOException {
            String real = tree.resolve(abs, true);
            for (String a : LayerPaths.ancestors(real + "/x")) {
                if (tree.get(a).isEmpty()) {
                    w.addDirectory(a, new EntryMeta(0755, owner.uid(), owner.gid(), layers.now()));
                    tree.put(a, FsNode.dir(0755, owner.uid(), owner.gid()));
                }
            }
        }

        void put(String targetAbs, SourceEntry e) throws IOException {
            String parent = tree.resolve(LayerPaths.parent(LayerPaths.clean(targetAbs)), true);
            ensureDir(parent);
            String real = LayerPaths.clean(parent + "/" + LayerPaths.baseName(LayerPaths.clean(targetAbs)));
            int mode = chmod != null && e.kind() != SourceEntry.Kind.SYMLINK ? chmod : e.mode();
            EntryMeta meta = new EntryMeta(e.kind() == SourceEntry.Kind.SYMLINK ? 0777 : mode, owner.uid(), owner.gid(), e.mtimeSeconds());
            if (w.contains(real)) return;
            switch (e.kind()) {
                case DIR -> {
                    w.addDirectory(real, meta);
                    tree.put(real, FsNode.dir(mode, owner.uid(), owner.gid()));
                }
                case FILE -> {
                    w.addFile(real, meta, e.path(), e.size());
                    tree.put(real, new FsNode(FsNode.Type.FILE, mode, owner.uid(), owner.gid(), null));
                }
                case SYMLINK -> {
                    w.addSymlink(real, meta, e.linkTarget());
                    tree.put(real, new FsNode(FsNode.Type.SYMLINK, 0777, owner.uid(), owner.gid(), e.linkTarget()));
                }
            }
        }
    }
}
