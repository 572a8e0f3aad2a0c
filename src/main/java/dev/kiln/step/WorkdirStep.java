package dev.kiln.step;

import dev.kiln.plan.BuildException;
import dev.kiln.rootfs.LayerFactory;

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
    private final HistoryClock clock;
    private final LayerFactory layers;

    public WorkdirStep(HistoryClock clock, LayerFactory layers) {
        this.clock = clock;
        this.layers = layers;
    }

    public void run(StageState s, Step.Workdir c) throws IOException {
        String wd = c.path();
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
            o = Owners.resolve(c.user(), tree);
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
