package dev.kiln.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A local directory build context with its .dockerignore, as BuildKit presents it to COPY/ADD: ignored
 * entries are invisible (as if absent) to lookups, globs and directory walks.
 *
 * <p><b>Symlinks.</b> BuildKit's dockerfile frontend copies with {@code FollowSymlinks}: a symlink named by
 * a source (directly, as an intermediate path component, or as a glob match) is followed, with the context
 * root acting as {@code /} so neither absolute targets nor {@code ..} can leave the context (a link to
 * {@code /etc/passwd} means {@code <context>/etc/passwd}). So {@code COPY link /dst}, where {@code link} points
 * to a file, copies the target's content under the link's name; pointing to a directory, copies that
 * directory. Inside a directory being copied ({@link #walk}) symlinks are never followed: they are reported
 * as {@link ContextEntry.Type#SYMLINK} with their link text.
 *
 * <p>Thread-safe and immutable (the files themselves are read when asked).
 */
public final class BuildContext {
    private final Path root;
    private final DockerIgnore ignore;
    private final FilteredWalk walker;
    private final SourceResolver sources;
    private final ScopedResolver scoped;

    private BuildContext(Path root, DockerIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
        this.walker = new FilteredWalk(root, null, List.of(ignore));
        this.sources = new SourceResolver(root, walker);
        this.scoped = new ScopedResolver(root, walker);
    }

    /** The directory {@code root} with its {@code .dockerignore} (if any). */
    public static BuildContext dir(Path root) throws IOException {
        return dir(root, null);
    }

    /**
     * The directory {@code root}; ignore rules come from {@code <dockerfile>.dockerignore} beside the
     * Dockerfile when that file exists (BuildKit), else from {@code root/.dockerignore}, else none.
     *
     * @param dockerfile the Dockerfile's path, or null
     */
    public static BuildContext dir(Path root, Path dockerfile) throws IOException {
        Path real = realDirectory(root);
        if (dockerfile != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
            if (Files.isRegularFile(specific)) return new BuildContext(real, DockerIgnore.read(specific));
        }
        Path standard = real.resolve(".dockerignore");
        DockerIgnore ignore = Files.isRegularFile(standard) ? DockerIgnore.read(standard) : DockerIgnore.none();
        return new BuildContext(real, ignore);
    }

    /** The directory {@code root} with the given ignore rules. */
    public static BuildContext of(Path root, DockerIgnore ignore) throws IOException {
        return new BuildContext(realDirectory(root), Objects.requireNonNull(ignore, "ignore"));
    }

    private static Path realDirectory(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw ContextException.notADirectory("build context", root);
        return root.toRealPath();
    }

    /** The context directory (real path, symlinks resolved). */
    public Path root() {
        return root;
    }

    public DockerIgnore ignore() {
        return ignore;
    }

    /**
     * The entries a COPY/ADD source names, in byte order of their paths. The pattern is relative to the
     * root (leading {@code /} = root) and cleaned; {@code ..} may not leave the root ({@link ContextException}
     * "forbidden path outside the build context"); segments from the first wildcard on are Go
     * filepath.Match globs ({@code * ? [...]}, {@code \} escapes); as in fsutil, a source without any unescaped
     * wildcard is a literal path (backslashes included). A literal source that matches nothing visible is a
     * {@link ContextException} naming the pattern; a wildcard pattern may match nothing (an empty list). Symlinks are followed as described on the class.
     */
    public List<ContextEntry> resolve(String sourcePattern) throws IOException {
        return sources.resolve(sourcePattern);
    }

    /**
     * Visits everything below the directory {@code dirRel} (context-relative, as for {@link #resolve};
     * a symlinked directory named here is followed), depth-first, each directory's entries in byte order and
     * a directory before its contents; ignored entries are skipped and symlinks never followed. Entries are
     * named {@code dirRel/sub} ({@code sub} alone for the root). The directory itself is not visited.
     */
    public void walk(String dirRel, ContextVisitor visitor) throws IOException {
        String logical = SourceResolver.clean(dirRel);
        String real;
        try {
            real = scoped.resolve(logical, true);
        } catch (ScopedResolver.NotFound e) {
            throw new ContextException("directory \"" + dirRel + "\" not found in the build context: " + e.getMessage());
        }
        if (FileStat.lstat(root.resolve(real)).type() != ContextEntry.Type.DIR) {
            throw new ContextException("\"" + dirRel + "\" is not a directory in the build context");
        }
        walker.walk(real, logical, e -> {
            visitor.visit(e);
            return true;
        });
    }

    /** {@link #walk(String, ContextVisitor)} for a relative {@link Path}. */
    public void walk(Path dirRel, ContextVisitor visitor) throws IOException {
        walk(dirRel.toString().replace(dirRel.getFileSystem().getSeparator(), "/"), visitor);
    }

    @Override
    public String toString() {
        return "BuildContext[" + root + ", " + ignore.patterns().size() + " ignore patterns]";
    }
}
