package dev.kiln.rootfs;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.extract.Extractor;
import dev.kiln.fs.extract.SkipPaths;
import dev.kiln.image.Layer;
import dev.kiln.run.ContainerDetector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --isolation in-place} (Kaniko's model): a stage's rootfs is {@code root} ({@code /} in production). Before
 * the stage's first RUN, everything under it except the ignore list is deleted and the stage image's layers are
 * extracted into it (ignored paths skipped); RUN snapshots walk it with the same ignore list. Each stage that runs
 * commands does this again. Every deletion is guarded: refused unless {@code detector} sees a container or
 * {@code force} is set.
 *
 * @param root    the directory that is the rootfs ({@code /}); a parameter so tests can use a temp dir
 * @param ignored absolute paths (inside {@code root}) never deleted, extracted over or snapshotted: kiln's own
 *                files, mount points, /etc/hosts, /etc/resolv.conf, --ignore-path values
 */
public record InPlaceRoot(Path root, Set<String> ignored, ContainerDetector detector, boolean force) {
    public InPlaceRoot {
        if (root == null || detector == null) throw new IllegalArgumentException("root and detector are required");
        ignored = java.util.Collections.unmodifiableSet(new TreeSet<>(SkipPaths.of(ignored).paths()));
    }

    /** Paths (on this machine) to keep; their real paths too, when a symlink leads to them. */
    public static Set<String> paths(List<Path> keep) {
        Set<String> out = new TreeSet<>();
        for (Path p : keep) {
            Path a = p.toAbsolutePath().normalize();
            if (a.getNameCount() == 0) throw new IllegalArgumentException("in-place: cannot ignore / itself");
            out.add(a.toString());
            try {
                if (Files.exists(a)) out.add(a.toRealPath().toString());
            } catch (IOException e) {
                // unreadable: the given path is kept as it is
            }
        }
        return out;
    }

    /**
     * Throws unless this is kiln's executor image ({@code KILN_EXECUTOR_IMAGE=1}), a container its user marked with
     * {@code KILN_IN_CONTAINER=1}, or {@code force} is set (then warns). Merely looking like a container (a
     * {@code /.dockerenv}) is not enough: an in-place build deletes and rewrites {@code root}, and a developer's own
     * container or CI machine can look like one. Call before touching the root.
     */
    public void check(EventSink events) throws IOException {
        if (detector.executorImage() || detector.env().containsKey(ContainerDetector.IN_CONTAINER_ENV)) {
            events.emit(Event.debug("in-place", "in kiln's executor image or a marked container: " + detector.containerEvidence()));
            return;
        }
        if (!force) {
            String evidence = detector.containerEvidence();
            throw new IOException("refusing an in-place build: it deletes and rewrites this machine's " + root
                    + ", which kiln only does in its executor image (" + ContainerDetector.EXECUTOR_IMAGE_ENV + "=1), in a container marked "
                    + ContainerDetector.IN_CONTAINER_ENV + "=1, or with --force"
                    + (evidence == null ? "" : " (a container was detected: " + evidence + "; that alone is not enough)")
                    + "; use --isolation chroot or oci instead");
        }
        events.emit(Event.warn("in-place", "in-place build forced: " + root + " is being replaced"));
    }

    /** Makes {@code root} the filesystem of {@code layers}: guard, wipe, extract. */
    public StageRootfs materialize(List<? extends Layer> layers, EventSink events) throws IOException {
        check(EventSink.NONE);
        long start = System.nanoTime();
        SkipPaths skip = SkipPaths.of(ignored);
        long removed = RootWiper.wipe(root, skip, events);
        Extractor x = new Extractor(root, events, skip);
        x.apply(layers);
        events.emit(Event.info("in-place", "replaced " + root + " with the stage's filesystem (" + layers.size()
                + " layers, " + removed + " entries removed, " + ignored.size() + " paths ignored) in "
                + (System.nanoTime() - start) / 1_000_000 + " ms"));
        return new StageRootfs(root.toRealPath(), x, ignored, true);
    }

    /** {@code --cleanup}: empties {@code root} but the ignored paths after the build. */
    public void cleanup(EventSink events) throws IOException {
        check(EventSink.NONE);
        long removed = RootWiper.wipe(root, SkipPaths.of(ignored), events);
        events.emit(Event.info("in-place", "--cleanup: removed " + removed + " entries under " + root));
    }
}
