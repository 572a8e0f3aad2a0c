package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.rootfs.LayerFactory;
import dev.kiln.rootfs.StageRootfs;

import dev.kiln.context.DockerIgnore;
import dev.kiln.dockerfile.instructions.Heredoc;
import dev.kiln.dockerfile.instructions.SourceLocation;
import dev.kiln.dockerfile.shell.ShellLex;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.TreeIndex;
import dev.kiln.fs.extract.TarTee;

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
    private final HistoryClock clock;
    private final LayerFactory layers;
    private final SourceTree context;
    private final StageSources stages;

    public CopyStep(HistoryClock clock, LayerFactory layers, SourceTree context, StageSources stages) {
        this.clock = clock;
        this.layers = layers;
        this.context = context;
        this.stages = stages;
    }

    /** One thing to copy: an entry of a source tree (directories are walked), or an archive to unpack. */
    private record Item(SourceTree tree, SourceEntry entry, String parentsRel, boolean archive) {}

    public void run(StageState s, Step.Copy c) throws IOException {
        SourceLocation loc = c.location();
        String keyword = c.keyword();
        String dest = c.dest();
        String wd = c.workdir();
        boolean destIsDirSyntax = dest.isEmpty() || dest.equals(".") || dest.endsWith("/") || dest.endsWith("/.");
        String destAbs = LayerPaths.resolve(wd, dest.isEmpty() ? "." : dest);
        TreeIndex tree = s.tree();
        Owners.Owner owner;
        DockerIgnore excludes;
        try {
            owner = c.chown() == null ? null : Owners.resolve(c.chown(), tree);
            excludes = c.excludes().isEmpty() ? null : DockerIgnore.of(c.excludes());
        } catch (IllegalArgumentException | dev.kiln.context.ContextException e) {
            throw BuildException.at(loc, e.getMessage());
        }

        Path scratch = layers.scratchDir("copy");
        try {
            List<String> srcWords = new ArrayList<>();
            List<Item> items = new ArrayList<>();
            SourceTree from = c.from() == null ? context : stages.tree(c.from(), s.stageIndex());
            int n = 0;
            for (Heredoc h : c.heredocs()) {
                String body = h.expand() ? heredocLex().processWord(h.body(), c.scope()) : h.body();
                Path f = scratch.resolve("heredoc-" + (n++));
                Files.writeString(f, body, StandardCharsets.UTF_8);
                items.add(new Item(null, new SourceEntry(h.name(), f, SourceEntry.Kind.FILE, 0644, Files.size(f), layers.now(), null), null, false));
                srcWords.add("<<" + h.name());
            }
            for (String w : c.sources()) {
                srcWords.add(w);
                if (c.add() && GitSource.isGit(w)) {
                    Path dir = GitSource.fetch(w, c.keepGitDir(), Files.createDirectories(scratch.resolve("git-" + (n++))));
                    ContextSources t = ContextSources.directory(dir, false);
                    for (SourceEntry e : t.match(".")) items.add(new Item(t, e, null, false));
                } else if (c.add() && UrlSource.isUrl(w)) {
                    Path dir = Files.createDirectories(scratch.resolve("url-" + (n++)));
                    items.add(new Item(null, UrlSource.fetch(w, c.checksum(), dir, layers.now()), null, false));
                } else {
                    if (c.checksum() != null) throw BuildException.at(loc, "checksum can't be specified for non-HTTP(S) sources");
                    String pivot = c.parents() ? pivot(w) : null;
                    for (SourceEntry e : from.match(w)) {
                        if (excluded(excludes, e.baseName())) continue;
                        boolean archive = c.add() && !Boolean.FALSE.equals(c.unpack())
                                && e.kind() == SourceEntry.Kind.FILE && ArchiveSource.isArchive(e.path());
                        items.add(new Item(from, e, c.parents() ? parentsRel(e.relPath(), pivot) : null, archive));
                    }
                }
            }
            if (items.isEmpty() && c.sources().isEmpty()) throw BuildException.at(loc, keyword + " failed: no source files were specified");
            if (items.isEmpty()) {
                // only wildcards that matched nothing: BuildKit copies nothing and succeeds; no layer, as an empty RUN
                s.addHistory(clock.entry(keyword + " " + String.join(" ", srcWords) + " " + dest + " # buildkit", false));
                return;
            }
            String realDest = tree.resolve(destAbs, true);
            boolean destIsDir = destIsDirSyntax || tree.get(realDest).map(FsNode::isDir).orElse(false);
            if (!destIsDir && (c.sources().size() + c.heredocs().size() > 1 || items.size() > 1 || c.parents())) {
                throw BuildException.at(loc, "When using " + keyword + " with more than one source file, the destination must be a directory and end with a /");
            }
            StageRootfs rootfs = s.rootfsForWrite();
            try (TarTee tee = rootfs == null ? null : rootfs.tee(keyword + " at " + loc.where());
                 LayerWriter w = layers.newWriter(tee == null ? null : tee.sink())) {
                CopyWriter writer = new CopyWriter(tree, owner, c.chmodSpec(), w, layers.now());
                for (Item it : items) write(writer, it, destAbs, destIsDir, excludes, scratch);
                String msg = keyword + " " + String.join(" ", srcWords) + " " + dest + " # buildkit";
                var layer = w.finish();
                if (tee == null) {
                    s.addLayer(layer, clock.entry(msg, true));
                } else {
                    tee.finish();
                    s.addAppliedLayer(layer, clock.entry(msg, true));
                }
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
