package dev.kiln.step;

import dev.kiln.rootfs.LayerFactory;

import dev.kiln.dockerfile.instructions.RunMount;
import dev.kiln.fs.LayerPaths;
import dev.kiln.run.BindMount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns one RUN's {@code --mount}s into bind mounts of host directories (BuildKit semantics):
 * <ul>
 * <li>{@code bind}: a path of the build context or of {@code from=} (stage or image), read-only by default; with
 * {@code rw} the RUN writes to a throwaway copy;</li>
 * <li>{@code cache}: a directory under the run-cache directory named by {@code id} (default: the target), kept across
 * builds, created with {@code mode} (0755), {@code uid}, {@code gid} (0); {@code sharing} is accepted — RUNs of a
 * kiln build run one at a time, so shared, private and locked behave alike;</li>
 * <li>{@code tmpfs}: an empty directory discarded after the RUN ({@code size} is not enforced);</li>
 * <li>{@code secret}: the {@code --secret} value in a file (mode 0400 by default) mounted read-only at the target
 * (default {@code /run/secrets/<id>}), and/or exposed as {@code env=}; a missing secret is skipped unless
 * {@code required}.</li>
 * </ul>
 * Mount points never reach a layer: the sandbox reports them and removes those it created.
 */
public final class RunMountSetup {
    /** The mounts and extra environment of one RUN, and its scratch directory (deleted by {@link #close()}). */
    record Prepared(List<BindMount> mounts, List<String> env, Path scratch) implements AutoCloseable {
        @Override
        public void close() {
            LayerFactory.deleteTree(scratch);
        }
    }

    private final LayerFactory layers;
    private final Path contextRoot;
    private final StageSources stages;
    private final RunOptions opts;

    RunMountSetup(LayerFactory layers, Path contextRoot, StageSources stages, RunOptions opts) {
        this.layers = layers;
        this.contextRoot = contextRoot;
        this.stages = stages;
        this.opts = opts;
    }

    Prepared prepare(List<RunMount> mounts, String workdir, int stageIndex) throws IOException {
        Path scratch = layers.scratchDir("mounts");
        List<BindMount> out = new ArrayList<>();
        List<String> env = new ArrayList<>();
        int n = 0;
        try {
            for (RunMount m : mounts) {
                String target = m.target() == null ? null : LayerPaths.resolve(workdir, m.target());
                Path own = scratch.resolve("m" + (n++));
                switch (m.type()) {
                    case BIND -> out.add(new BindMount(bindSource(m, stageIndex, own), need(target, m), m.readOnly()));
                    case CACHE -> out.add(new BindMount(cacheDir(m, need(target, m), stageIndex), target, m.readOnly()));
                    case TMPFS -> out.add(new BindMount(Files.createDirectories(own), need(target, m), false));
                    case SECRET -> secret(m, target, own, out, env);
                    case SSH -> throw new IOException("RUN --mount=type=ssh is not supported (no ssh agent forwarding)");
                }
            }
        } catch (IOException | RuntimeException e) {
            LayerFactory.deleteTree(scratch);
            throw e;
        }
        return new Prepared(out, env, scratch);
    }

    private static String need(String target, RunMount m) throws IOException {
        if (target == null) throw new IOException("mount " + m.spec() + " needs a target");
        return target;
    }

    private Path bindSource(RunMount m, int stageIndex, Path own) throws IOException {
        Path root = m.from() == null ? contextRoot : stages.root(m.from(), stageIndex);
        if (root == null) throw new IOException("bind mount " + m.spec() + ": no build context directory");
        Path p = inside(root, m.source() == null ? "/" : m.source());
        if (m.readOnly()) return p;
        copyTree(p, own);
        return own;
    }

    /** {@code rel} below {@code root}, symlinks resolved, refusing anything outside. */
    private static Path inside(Path root, String rel) throws IOException {
        Path r = root.toRealPath();
        Path p = r.resolve(LayerPaths.clean("/" + rel).substring(1));
        if (!Files.exists(p)) throw new IOException("mount source " + rel + " not found");
        Path real = p.toRealPath();
        if (!real.startsWith(r)) throw new IOException("mount source " + rel + " leaves its root");
        return real;
    }

    private Path cacheDir(RunMount m, String target, int stageIndex) throws IOException {
        Path base = opts.runCacheDir() != null ? opts.runCacheDir() : layers.scratchDir("run-cache");
        String id = m.id() != null && !m.id().isEmpty() ? m.id() : target;
        Path dir = base.resolve(id.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (!Files.isDirectory(dir)) {
            // a name of its own: stages building concurrently may create the same cache at once; the first move wins
            Path tmp = base.resolve(dir.getFileName() + ".new-" + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36));
            Files.createDirectories(tmp);
            if (m.from() != null) copyTree(inside(stages.root(m.from(), stageIndex), m.source() == null ? "/" : m.source()), tmp);
            owner(tmp, m.uid(), m.gid(), m.mode() == null ? 0755 : m.mode());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                LayerFactory.deleteTree(tmp);
                if (!Files.isDirectory(dir)) throw e;
            }
        }
        return dir;
    }

    private void secret(RunMount m, String target, Path own, List<BindMount> out, List<String> env) throws IOException {
        String id = m.id() != null ? m.id() : m.source() != null ? m.source()
                : target != null ? LayerPaths.baseName(LayerPaths.clean(target)) : m.env();
        Secret s = opts.secrets().get(id);
        if (s == null) {
            if (m.required()) throw new IOException("secret " + id + " is required but was not given (--secret id=" + id + ",src=FILE)");
            return;
        }
        byte[] v = s.value();
        if (m.env() != null) env.add(m.env() + "=" + new String(v, StandardCharsets.UTF_8));
        if (m.env() != null && target == null) return;
        Files.createDirectories(own);
        Path f = own.resolve("secret");
        Files.write(f, v);
        owner(f, m.uid(), m.gid(), m.mode() == null ? 0400 : m.mode());
        out.add(new BindMount(f, target == null ? "/run/secrets/" + id : target, true));
    }

    private static void owner(Path p, Long uid, Long gid, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:uid", uid == null ? 0 : uid.intValue(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid == null ? 0 : gid.intValue(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Copies a tree (symlinks as symlinks, attributes kept). */
    static void copyTree(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src)) {
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return;
        }
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
