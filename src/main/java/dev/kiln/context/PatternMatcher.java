package dev.kiln.context;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of moby/patternmatcher patterns ({@code !} marks an exception) with
 * {@code MatchesOrParentMatches} semantics: a path matches when the last applicable pattern matching the
 * path <em>or one of its parent directories</em> is not an exception. Used for .dockerignore exclusions,
 * include filters and {@code COPY --exclude}. Immutable.
 */
public final class PatternMatcher {
    private static final String GLOB_CHARS = "*[]?^\\";
    private final List<IgnorePattern> patterns;

    private PatternMatcher(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * Builds a matcher like {@code patternmatcher.New}: each pattern is whitespace-trimmed, empty ones are
     * dropped, the rest {@code filepath.Clean}ed. A lone {@code !} or a malformed pattern throws
     * {@link IllegalArgumentException} naming it.
     */
    public static PatternMatcher compile(List<String> patterns) {
        List<IgnorePattern> out = new ArrayList<>();
        for (String raw : patterns) {
            String p = IgnoreFile.trimSpace(raw);
            if (p.isEmpty()) continue;
            p = GoPath.clean(p);
            boolean exclusion = p.charAt(0) == '!';
            if (exclusion) {
                if (p.length() == 1) throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
                p = p.substring(1);
            }
            out.add(IgnorePattern.compile(p, exclusion));
        }
        return new PatternMatcher(out);
    }

    /** Whether the slash-separated path (or one of its parents) is matched. */
    public boolean matches(String path) {
        String parent = GoPath.dir(path);
        String[] parentDirs = parent.equals(".") ? new String[0] : parent.split("/", -1);
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            if (pattern.exclusion() != matched) continue;
            boolean match = pattern.matches(path);
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; !match && i < parentDirs.length; i++) {
                if (i > 0) prefix.append('/');
                prefix.append(parentDirs[i]);
                match = pattern.matches(prefix.toString());
            }
            if (match) matched = !pattern.exclusion();
        }
        return matched;
    }

    /**
     * Whether a directory could hold paths matched by the patterns of one polarity ({@code exceptions}:
     * the {@code !} patterns, else the plain ones), so a walk must enter it. Follows fsutil: if any such
     * pattern has a glob character (ignoring a trailing {@code /*} or {@code /**}) every directory qualifies;
     * otherwise only ancestors of a pattern's path do.
     */
    public boolean mayMatchUnder(String dir, boolean exceptions) {
        List<String> stems = new ArrayList<>();
        for (IgnorePattern p : patterns) {
            if (p.exclusion() != exceptions) continue;
            String stem = p.withoutTrailingGlob();
            if (stem.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0)) return true;
            stems.add(stem + "/");
        }
        String dirSlash = dir + "/";
        return stems.stream().anyMatch(s -> s.startsWith(dirSlash));
    }

    public boolean hasExceptions() {
        return patterns.stream().anyMatch(IgnorePattern::exclusion);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The cleaned patterns, exceptions with their leading {@code !}. */
    public List<String> patterns() {
        return patterns.stream().map(IgnorePattern::toString).toList();
    }

    @Override
    public String toString() {
        return patterns().toString();
    }
}
