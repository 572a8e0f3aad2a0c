package dev.kiln.step;

import dev.kiln.rootfs.SingleSnapshot;
import dev.kiln.rootfs.StageRootfs;

import dev.kiln.fs.TreeIndex;
import dev.kiln.image.ContainerConfig;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Layer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one stage while its instructions run: the image so far, the variables in scope for
 * word expansion (image env plus declared ARGs, as BuildKit's state env) and a lazily built index of
 * the stage's filesystem. Confined to the thread building the stage; never shared.
 */
public final class StageState {
    /** Indexes the stage's filesystem given all the image's layers so far. */
    public interface TreeLoader {
        TreeIndex load(java.util.List<Layer> layers) throws IOException;
    }

    /** Makes the stage's rootfs from the image's layers so far. */
    public interface RootfsLoader {
        StageRootfs load(java.util.List<Layer> layers) throws IOException;
    }

    private Image image;
    private final Map<String, String> scope = new LinkedHashMap<>();
    private final Map<String, String> declaredArgs = new LinkedHashMap<>();
    private TreeIndex tree;
    private TreeLoader treeLoader;
    /** Layers added since the tree was built whose changes it does not hold yet (RUN, cache hits): see {@link #indexLater}. */
    private final java.util.List<Layer> treeBehind = new java.util.ArrayList<>();
    private boolean cmdSet;
    private final RootfsLoader rootfsLoader;
    private StageRootfs rootfs;
    private boolean rootfsAhead;
    private int stageIndex;
    private java.util.List<String> triggers = java.util.List.of();
    private FinalLayers finalLayers = FinalLayers.NONE;

    public StageState(Image base, TreeLoader treeLoader, RootfsLoader rootfsLoader) {
        this.image = base;
        this.treeLoader = treeLoader;
        this.rootfsLoader = rootfsLoader;
        scope.putAll(base.config().config().envMap());
    }

    public Image image() { return image; }

    public ImageConfig config() { return image.config(); }

    public ContainerConfig container() { return image.config().config(); }

    public void setContainer(ContainerConfig c) {
        image = image.withConfig(image.config().withConfig(c));
    }

    void setConfig(ImageConfig c) {
        image = image.withConfig(c);
    }

    /** Variables visible to word expansion. */
    public Map<String, String> scope() { return scope; }

    public Map<String, String> declaredArgs() { return declaredArgs; }

    public boolean cmdSet() { return cmdSet; }

    public void markCmdSet() { cmdSet = true; }

    public void addHistory(History h) {
        setConfig(image.config().plusHistory(h));
    }

    /** Adds a layer made from instructions (COPY, WORKDIR); a materialized rootfs gets it applied too. */
    public void addLayer(Layer layer, History h) throws IOException {
        flushRuns();
        image = image.plusLayer(layer);
        addHistory(h);
        offer(layer);
        if (rootfs != null) rootfs.apply(layer);
    }

    /** Adds a layer the rootfs already got while it was written ({@link StageRootfs#tee}); it is final: offered. */
    void addAppliedLayer(Layer layer, History h) {
        image = image.plusLayer(layer);
        addHistory(h);
        offer(layer);
    }

    /**
     * The rootfs a COPY/ADD should write its layer into as well: the loaded one, or a new one when a later
     * instruction of the stage will need it (a RUN follows); null when nothing needs the files on disk. Deferred
     * RUN changes ({@code --single-snapshot}) become a layer first.
     */
    StageRootfs rootfsForWrite() throws IOException {
        flushRuns();
        if (rootfs == null && rootfsAhead) rootfs();
        return rootfs;
    }

    /** Whether an instruction after the current one needs the rootfs (a RUN): then COPY fills it as it goes. */
    public void setRootfsAhead(boolean b) { rootfsAhead = b; }

    /** Adds a layer snapshotted from the rootfs itself (RUN): the rootfs already holds its changes. */
    void addLayerFromRootfs(Layer layer, History h) {
        image = image.plusLayer(layer);
        addHistory(h);
        offer(layer);
    }

    /**
     * This stage's layers are the output image's (the target or a stage it starts FROM): each goes to {@code f} as
     * soon as it is added, those already there now.
     */
    public void sendFinalLayers(FinalLayers f) {
        finalLayers = f;
        for (Layer l : image.layers()) offer(l);
    }

    private void offer(Layer layer) {
        try {
            finalLayers.offer(layer);
        } catch (java.io.IOException e) {
            throw new dev.kiln.plan.BuildException(e.getMessage(), e);
        }
    }

    /** The stage's rootfs on disk, extracted from the image's layers on first use (RUN needs it). */
    StageRootfs rootfs() throws IOException {
        if (rootfs == null) rootfs = rootfsLoader.load(image.layers());
        return rootfs;
    }

    /**
     * The stage's filesystem index, built on first use: from the index the rootfs extraction made (the rootfs is
     * extracted now if a later RUN needs it anyway), plus the layers added since; else by reading the image's layers.
     * Either way the base layers are read once (issue 12).
     */
    public TreeIndex tree() throws IOException {
        flushRuns();
        if (tree == null) {
            if (rootfs == null && rootfsAhead) rootfs();
            StageRootfs.Indexed seed = rootfs == null ? null : rootfs.takeIndex();
            if (seed != null) {
                TreeIndex t = seed.tree();
                java.util.List<Layer> ls = image.layers();
                for (Layer l : ls.subList(Math.min(seed.layers(), ls.size()), ls.size())) dev.kiln.fs.LayerIndexer.apply(t, l);
                tree = t;
            } else {
                tree = treeLoader.load(image.layers());
            }
            treeLoader = null;
        }
        for (Layer l : treeBehind) dev.kiln.fs.LayerIndexer.apply(tree, l);
        treeBehind.clear();
        return tree;
    }

    /**
     * A layer just added that did not go through the tree (a RUN's, a cached one): when the tree is loaded, it gets
     * the layer's changes the next time it is read ({@link #tree()}), not now: reading the layer again costs 0.1-0.2 s
     * after a large RUN, and most stages end with a RUN or with steps that never read the tree (CMD, ENV, ...).
     */
    public void indexLater(Layer layer) {
        if (tree != null) treeBehind.add(layer);
    }

    public boolean treeLoaded() { return tree != null; }

    /** {@code --single-snapshot}: RUN changes not in a layer yet become one now (before any later layer). */
    public void flushRuns() throws IOException {
        if (rootfs == null || !rootfs.hasPending()) return;
        var r = rootfs.takePending();
        if (r.isEmpty()) return;
        image = image.plusLayer(r.get().layer());
        setConfig(config().withHistory(SingleSnapshot.lastRunWithLayer(config().history())));
        offer(r.get().layer());
        indexLater(r.get().layer());
    }

    public boolean rootfsLoaded() { return rootfs != null; }
    /** The rootfs if a RUN (or a mount) made one, else null. */
    public StageRootfs loadedRootfs() { return rootfs == null || rootfs.inPlace() ? null : rootfs; }   // in place: / moves on, never deleted

    /** The index of the stage being built (for {@code --from} lookups). */
    int stageIndex() { return stageIndex; }

    public void setStageIndex(int i) { stageIndex = i; }

    /** ONBUILD triggers inherited from the base image or stage, run before the stage's own instructions. */
    public java.util.List<String> inheritedTriggers() { return triggers; }

    public void setInheritedTriggers(java.util.List<String> t) { triggers = t == null ? java.util.List.of() : java.util.List.copyOf(t); }
}
