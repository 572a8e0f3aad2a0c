package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.plan.WordExpander;
import dev.kiln.rootfs.LayerFactory;

import dev.kiln.dockerfile.instructions.Workdir;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.FsNode;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.TreeIndex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * WORKDIR: sets the working directory and, as BuildKit does, creates it (with parents) owned by the
 * current USER. A layer is written only when a directory was actually created.
 */
public final class WorkdirStep {
    private final WordExpander words;
    private final HistoryClock clock;
    private final LayerFactory layers;

    public WorkdirStep(WordExpander words, HistoryClock clock, LayerFactory layers) {
        this.words = words;
        this.clock = clock;
        this.layers = layers;
    }

    public void run(StageState s, Workdir c) throws IOException {
        String p = words.expand(c.path(), s.scope());
        String current = s.container().workingDir() == null || s.container().workingDir().isEmpty()
                ? "/" : s.container().workingDir();
        String wd = LayerPaths.resolve(current, p);
        s.setContainer(s.container().withWorkingDir(wd));
        if (wd.equals("/")) {
            s.addHistory(clock.entry("WORKDIR " + wd, false));
            return;
        }
        TreeIndex tree = s.tree();
        String real = tree.resolve(wd, true);
        List<String> missing = new ArrayList<>();
        for (String a : LayerPaths.ancestors(real)) if (tree.get(a).isEmpty()) missing.add(a);
        if (tree.get(real).isEmpty()) missing.add(real);
        else if (!tree.get(real).get().isDir()) throw BuildException.at(c.location(), "WORKDIR " + wd + " is not a directory");
        if (missing.isEmpty()) {
            s.addHistory(clock.entry("WORKDIR " + wd, false));
            return;
        }
        Owners.Owner o;
        try {
            o = Owners.resolve(s.container().user(), tree);
        } catch (IllegalArgumentException e) {
            throw BuildException.at(c.location(), e.getMessage());
        }
        try (LayerWriter w = layers.newWriter()) {
            for (String d : missing) {
                w.addDirectory(d, new EntryMeta(0755, o.uid(), o.gid(), layers.now()));
                tree.put(d, FsNode.dir(0755, o.uid(), o.gid()));
            }
            s.addLayer(w.finish(), clock.entry("WORKDIR " + wd, true));
        }
    }
}
