package dev.kiln.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed .dockerignore with BuildKit semantics (moby/patternmatcher + tonistiigi/fsutil): patterns are
 * relative to the context root, {@code *}/{@code ?} stay within a path segment, {@code **} spans
 * directories, {@code [...]} classes and {@code \} escapes as in Go's filepath.Match, a pattern matching a
 * directory excludes everything under it, later patterns override earlier ones and {@code !pattern}
 * re-includes. An excluded directory must still be walked when an exception could re-include something
 * inside it ({@link #mayReincludeUnder}). Immutable.
 */
public final class DockerIgnore {
    private static final DockerIgnore NONE = new DockerIgnore(PatternMatcher.compile(List.of()));
    private final PatternMatcher matcher;

    private DockerIgnore(PatternMatcher matcher) {
        this.matcher = matcher;
    }

    /** Nothing is excluded. */
    public static DockerIgnore none() {
        return NONE;
    }

    /** Parses .dockerignore text; errors name {@code .dockerignore:LINE}. */
    public static DockerIgnore parse(String text) {
        return parse(".dockerignore", text);
    }

    /** Parses ignore-file text; {@code source} names it in errors ({@code source:LINE: why}). */
    public static DockerIgnore parse(String source, String text) {
        List<String> patterns = new ArrayList<>();
        for (IgnoreFile.Line line : IgnoreFile.read(text)) {
            try {
                PatternMatcher.compile(List.of(line.pattern()));
            } catch (IllegalArgumentException e) {
                throw new ContextException(source + ":" + line.number() + ": " + e.getMessage());
            }
            patterns.add(line.pattern());
        }
        return new DockerIgnore(PatternMatcher.compile(patterns));
    }

    /** Reads and parses an ignore file (UTF-8). */
    public static DockerIgnore read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Patterns given directly (e.g. {@code COPY --exclude}); trimmed and cleaned but no leading-/ strip. */
    public static DockerIgnore of(List<String> patterns) {
        try {
            return new DockerIgnore(PatternMatcher.compile(patterns));
        } catch (IllegalArgumentException e) {
            throw new ContextException("invalid exclude patterns " + patterns + ": " + e.getMessage());
        }
    }

    /** The pattern list {@code ignorefile.ReadAll} would return for this text. */
    public static List<String> readPatterns(String text) {
        return IgnoreFile.read(text).stream().map(IgnoreFile.Line::pattern).toList();
    }

    /** Whether a slash-separated context-relative path is excluded; the root ("" or ".") never is. */
    public boolean excludes(String relPath) {
        if (relPath.isEmpty() || relPath.equals(".")) return false;
        return matcher.matches(relPath);
    }

    /**
     * Whether an excluded directory could still contain re-included entries (so a walk must enter it
     * instead of skipping the subtree). False when there are no {@code !} patterns.
     */
    public boolean mayReincludeUnder(String dirRelPath) {
        return matcher.mayMatchUnder(dirRelPath, true);
    }

    public List<String> patterns() {
        return matcher.patterns();
    }

    public boolean isEmpty() {
        return matcher.isEmpty();
    }

    @Override
    public String toString() {
        return "DockerIgnore" + matcher;
    }
}
