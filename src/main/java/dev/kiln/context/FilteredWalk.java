package dev.kiln.context;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A filtered, iterative, depth-first walk of a context directory, following tonistiigi/fsutil's
 * {@code filterFS.Walk}: each directory's entries are visited in byte order, a directory before its
 * contents; symlinks are reported, never followed. An entry is reported when it matches the include
 * patterns (if any) and none of the exclude layers. An excluded directory is skipped whole unless an
 * exception could re-include something inside it; then it is entered and reported only once (just before)
 * a descendant is. Such a directory that cannot be read is ignored, as upstream. Each exclude layer is
 * evaluated on its own (e.g. .dockerignore and {@code COPY --exclude}).
 *
 * <p>Matching is stateless ({@code MatchesOrParentMatches}) rather than upstream's incremental
 * {@code MatchesUsingParentResults}, so a walk and a direct lookup always agree.
 */
final class FilteredWalk {
    /** Receives reported entries; returning false stops the walk. */
    @FunctionalInterface
    interface Sink {
        boolean accept(ContextEntry entry) throws IOException;
    }

    private final Path root;
    private final PatternMatcher include;
    private final List<DockerIgnore> excludes;

    /** @param include null for no include filter */
    FilteredWalk(Path root, PatternMatcher include, List<DockerIgnore> excludes) {
        this.root = root;
        this.include = include;
        this.excludes = List.copyOf(excludes);
    }

    /** Whether a path passes the filters (fsutil's Open check; parents are not consulted for existence). */
    boolean visible(String realRel) {
        if (include != null && !include.matches(realRel)) return false;
        return excludes.stream().noneMatch(e -> e.excludes(realRel));
    }

    /** Whether a walk would enter this directory (it is reported, or may hold reported entries). */
    boolean enterable(String realDir) {
        return filter(realDir, true) != Filter.PRUNE;
    }

    /**
     * Walks below the directory {@code realStart} (relative to the root, "" or "." for the root), naming
     * entries {@code logicalStart/sub}. Returns false if the sink stopped it.
     */
    boolean walk(String realStart, String logicalStart, Sink sink) throws IOException {
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(realStart, logicalStart, list(realStart), null));
        while (!stack.isEmpty()) {
            Frame top = stack.getLast();
            if (top.next >= top.names.size()) {
                stack.removeLast();
                continue;
            }
            String name = top.names.get(top.next++);
            String real = GoPath.join(top.real, name);
            ContextEntry entry;
            try {
                entry = ContextEntry.read(GoPath.join(top.logical, name), root.resolve(real));
            } catch (NoSuchFileException e) {
                continue; // removed while walking
            }
            boolean dir = entry.isDirectory();
            Filter f = filter(real, dir);
            if (f == Filter.PRUNE) continue;
            boolean skip = f == Filter.SKIP;
            if (!skip && !(reportPending(stack, sink) && sink.accept(entry))) return false;
            if (dir) {
                List<String> names;
                try {
                    names = list(real);
                } catch (AccessDeniedException e) {
                    if (skip) continue;
                    throw e;
                }
                stack.add(new Frame(real, entry.path(), names, skip ? entry : null));
            }
        }
        return true;
    }

    private enum Filter { REPORT, SKIP, PRUNE }

    private Filter filter(String real, boolean dir) {
        Filter result = Filter.REPORT;
        if (include != null && !include.matches(real)) {
            if (dir && !include.mayMatchUnder(real, false)) return Filter.PRUNE;
            result = Filter.SKIP;
        }
        for (DockerIgnore exclude : excludes) {
            if (exclude.excludes(real)) {
                if (dir && !exclude.mayReincludeUnder(real)) return Filter.PRUNE;
                result = Filter.SKIP;
            }
        }
        return result;
    }

    private static boolean reportPending(List<Frame> stack, Sink sink) throws IOException {
        for (Frame f : stack) {
            if (f.pending != null) {
                ContextEntry e = f.pending;
                f.pending = null;
                if (!sink.accept(e)) return false;
            }
        }
        return true;
    }

    private List<String> list(String real) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(real.isEmpty() ? "." : real))) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        names.sort(GoPath.BYTE_ORDER);
        return names;
    }

    private static final class Frame {
        final String real;
        final String logical;
        final List<String> names;
        int next;
        ContextEntry pending;

        Frame(String real, String logical, List<String> names, ContextEntry pending) {
            this.real = real;
            this.logical = logical;
            this.names = names;
            this.pending = pending;
        }
    }
}
