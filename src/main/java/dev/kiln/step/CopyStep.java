package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.plan.WordExpander;
import dev.kiln.rootfs.LayerFactory;

import dev.kiln.context.DockerIgnore;
import dev.kiln.dockerfile.instructions.Add;
import dev.kiln.dockerfile.instructions.Copy;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.instructions.SourcesAndDest;
import dev.kiln.dockerfile.shell.ShellLex;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.TreeIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY and ADD: writes exactly the paths it copies (no filesystem walk of the destination) into a new layer,
 * following BuildKit's destination rules. Sources: the build context, another stage or an image
 * ({@code COPY --from}), heredocs, and for ADD http(s) URLs, git repositories and local archives (unpacked).
 */
public final class CopyStep {
    private final WordExpander words;
    private final HistoryClock clock;
    private final LayerFactory layers;
    private final SourceTree context;
    private final StageSources stages;

    public CopyStep(WordExpander words, HistoryClock clock, LayerFactory layers, SourceTree context, StageSources stages) {
        this.words = words;
        this.clock = clock;
        this.layers = layers;
        this.context = context;
        this.stages = stages;
    }

    /** What differs between COPY and ADD. */
    record Mode(String keyword, String from, boolean parents, List<String> excludes, boolean add, Boolean unpack,
                String checksum, boolean keepGitDir) {}

    public void copy(StageState s, Copy c) throws IOException {
        run(s, c.location(), c.paths(), c.chown(), c.chmod(),
                new Mode("COPY", c.from(), c.parents(), c.excludes(), false, false, null, false));
    }

    public void add(StageState s, Add c) throws IOException {
        run(s, c.location(), c.paths(), c.chown(), c.chmod(),
                new Mode("ADD", null, c.parents(), c.excludes(), true, c.unpack(), c.checksum(), c.keepGitDir()));
    }

    /** One thing to copy: an entry of a source tree (directories are walked), or an archive to unpack. */
    private record Item(SourceTree tree, SourceEntry entry, String parentsRel, boolean archive) {}

    private void run(StageState s, SourceLocation loc, SourcesAndDest p, String chown, String chmod, Mode mode) throws IOException {
        String keyword = mode.keyword();
        String dest = words.expand(p.dest(), s.scope());
        String wd = s.container().workingDir() == null || s.container().workingDir().isEmpty() ? "/" : s.container().workingDir();
        boolean destIsDirSyntax = dest.isEmpty() || dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
        String destAbs = LayerPaths.resolve(wd, dest.isEmpty() ? "." : dest);
        TreeIndex tree = s.tree();
        Owners.Owner owner;
        ChmodSpec chmodSpec;
        DockerIgnore excludes;
        try {
            owner = chown == null ? null : Owners.resolve(words.expand(chown, s.scope()), tree);
            chmodSpec = chmod == null ? null : ChmodSpec.parse(words.expand(chmod, s.scope()));
            List<String> ex = new ArrayList<>();
            for (String e : mode.excludes()) ex.add(words.expand(e, s.scope()));
            excludes = ex.isEmpty() ? null : DockerIgnore.of(ex);
        } catch (IllegalArgumentException | dev.kiln.context.ContextException e) {
            throw BuildException.at(loc, e.getMessage());
        }

        Path scratch = layers.scratchDir("copy");
        try {
            List<String> srcWords = new ArrayList<>();
            List<Item> items = new ArrayList<>();
            SourceTree from = mode.from() == null ? context : stages.tree(mode.from(), s.stageIndex());
            int n = 0;
            for (Heredoc h : p.heredocs()) {
                String body = h.expand() ? heredocLex().processWord(h.body(), s.scope()) : h.body();
                Path f = scratch.resolve("heredoc-" + (n++));
                Files.writeString(f, body, StandardCharsets.UTF_8);
                items.add(new Item(null, new SourceEntry(h.name(), f, SourceEntry.Kind.FILE, 0644, Files.size(f), layers.now(), null), null, false));
                srcWords.add("<<" + h.name());
            }
            for (String src : p.sources()) {
                String w = words.expand(src, s.scope());
                srcWords.add(w);
                if (mode.add() && GitSource.isGit(w)) {
                    Path dir = GitSource.fetch(w, mode.keepGitDir(), Files.createDirectories(scratch.resolve("git-" + (n++))));
                    ContextSources t = ContextSources.directory(dir, false);
                    for (SourceEntry e : t.match(".")) items.add(new Item(t, e, null, false));
                } else if (mode.add() && UrlSource.isUrl(w)) {
                    Path dir = Files.createDirectories(scratch.resolve("url-" + (n++)));
                    items.add(new Item(null, UrlSource.fetch(w, mode.checksum() == null ? null : words.expand(mode.checksum(), s.scope()), dir, layers.now()), null, false));
                } else {
                    if (mode.checksum() != null) throw BuildException.at(loc, "checksum can't be specified for non-HTTP(S) sources");
                    String pivot = mode.parents() ? pivot(w) : null;
                    for (SourceEntry e : from.match(w)) {
                        if (excluded(excludes, e.baseName())) continue;
                        boolean archive = mode.add() && !Boolean.FALSE.equals(mode.unpack())
                                && e.kind() == SourceEntry.Kind.FILE && ArchiveSource.isArchive(e.path());
                        items.add(new Item(from, e, mode.parents() ? parentsRel(e.relPath(), pivot) : null, archive));
                    }
                }
            }
            if (items.isEmpty() && p.sources().isEmpty()) throw BuildException.at(loc, keyword + " failed: no source files were specified");
            if (items.isEmpty()) {
                // only wildcards that matched nothing: BuildKit copies nothing and succeeds; no layer, as an empty RUN
                s.addHistory(clock.entry(keyword + " " + String.join(" ", srcWords) + " " + dest + " # buildkit", false));
                return;
            }
            String realDest = tree.resolve(destAbs, true);
            boolean destIsDir = destIsDirSyntax || tree.get(realDest).map(FsNode::isDir).orElse(false);
            if (!destIsDir && (p.sources().size() + p.heredocs().size() > 1 || items.size() > 1 || mode.parents())) {
                throw BuildException.at(loc, "When using " + keyword + " with more than one source file, the destination must be a directory and end with a /");
            }
            try (LayerWriter w = layers.newWriter()) {
                CopyWriter writer = new CopyWriter(tree, owner, chmodSpec, w, layers.now());
                for (Item it : items) write(writer, it, destAbs, destIsDir, excludes, scratch);
                String msg = keyword + " " + String.join(" ", srcWords) + " " + dest + " # buildkit";
                s.addLayer(w.finish(), clock.entry(msg, true));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } catch (IOException e) {
            throw BuildException.at(loc, keyword + " failed: " + e.getMessage(), e);
        } finally {
            LayerFactory.deleteTree(scratch);
        }
    }

    private static ShellLex heredocLex() {
        return new ShellLex('\\').withSkipProcessQuotes(true);
    }

    private void write(CopyWriter writer, Item it, String destAbs, boolean destIsDir, DockerIgnore excludes, Path scratch) throws IOException {
        SourceEntry m = it.entry();
        if (it.archive()) {
            // an archive is always unpacked into the destination as a directory, with or without a trailing slash
            // (BuildKit's unpack, Docker's ADD): ADD file.tar /dest fills /dest
            ArchiveSource.extract(m.path(), destAbs, writer, scratch.resolve("spool"));
            return;
        }
        String base = it.parentsRel() == null ? null : LayerPaths.clean(destAbs + "/" + it.parentsRel());
        if (m.kind() == SourceEntry.Kind.DIR) {
            String target = base != null ? base : destAbs;
            if (base != null) writer.put(base, m); else writer.ensureDir(destAbs);
            String real = writer.tree().resolve(target, true);
            for (SourceEntry child : it.tree().walk(m)) {
                String rel = m.relPath().equals(".") ? child.relPath() : child.relPath().substring(m.relPath().length() + 1);
                if (excluded(excludes, rel)) continue;
                writer.put(real + "/" + rel, child);
            }
        } else {
            String target = base != null ? base : destIsDir ? destAbs + "/" + m.baseName() : destAbs;
            writer.put(target, m);
        }
    }

    private static boolean excluded(DockerIgnore excludes, String rel) {
        return excludes != null && excludes.excludes(rel);
    }

    /** For --parents: the part of a source word before a {@code /./} pivot (kept out of the destination path). */
    private static String pivot(String word) {
        int i = word.indexOf("/./");
        if (i < 0) return null;
        String p = LayerPaths.clean("/" + word.substring(0, i));
        return p.equals("/") ? null : p.substring(1);
    }

    private static String parentsRel(String rel, String pivot) {
        if (pivot != null && (rel.equals(pivot) || rel.startsWith(pivot + "/"))) {
            return rel.equals(pivot) ? "." : rel.substring(pivot.length() + 1);
        }
        return rel;
    }
}
