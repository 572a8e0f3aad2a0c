package dev.kiln.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves one COPY/ADD source pattern against a context, as BuildKit's dockerfile frontend and fsutil copy
 * do: the pattern is relative to the context root (a leading {@code /} is the root) and cleaned; path
 * segments up to the first one with a wildcard are taken literally (following symlinks within the root);
 * the remaining segments are Go filepath.Match globs matched against the real tree (a symlinked directory is
 * not descended into while globbing). Each result that is a symlink is then followed within the root. A pattern
 * with a wildcard may match nothing (an empty list), as BuildKit's {@code AllowEmptyWildcard}.
 */
final class SourceResolver {
    private final Path root;
    private final FilteredWalk filter;
    private final ScopedResolver scoped;

    SourceResolver(Path root, FilteredWalk filter) {
        this.root = root;
        this.filter = filter;
        this.scoped = new ScopedResolver(root, filter);
    }

    /** The cleaned context-relative form of a source ("." = root); {@code ..} escaping the root is an error. */
    static String clean(String source) {
        int i = 0;
        while (i < source.length() && source.charAt(i) == '/') i++;
        String cleaned = GoPath.clean(source.substring(i));
        if (cleaned.equals("..") || cleaned.startsWith("../")) {
            throw new ContextException("forbidden path outside the build context: " + source);
        }
        return cleaned;
    }

    List<ContextEntry> resolve(String source) throws IOException {
        String cleaned = clean(source);
        String[] segs = cleaned.equals(".") ? new String[0] : cleaned.split("/");
        int w = 0;
        while (w < segs.length && !GoGlob.hasWildcards(segs[w])) w++;
        if (w == segs.length) return List.of(follow(cleaned, cleaned, source));
        List<GoGlob> globs = new ArrayList<>();
        for (String s : Arrays.copyOfRange(segs, w, segs.length)) {
            try {
                globs.add(GoGlob.compile(s));
            } catch (IllegalArgumentException e) {
                throw new ContextException("invalid source pattern \"" + source + "\": " + e.getMessage());
            }
        }
        String prefix = w == 0 ? "." : String.join("/", Arrays.copyOfRange(segs, 0, w));
        List<String[]> found = expand(prefix, globs);
        List<ContextEntry> out = new ArrayList<>();
        for (String[] m : found) {
            if (isFinalVisible(m[1])) out.add(follow(m[0], m[1], source));
        }
        // a wildcard that matches nothing is not an error (BuildKit's COPY sets AllowEmptyWildcard); the caller
        // decides what an instruction with no source at all does
        return out;
    }

    /** {logical, real} pairs matching the globs below the literal prefix, in byte order. */
    private List<String[]> expand(String prefix, List<GoGlob> globs) throws IOException {
        List<String[]> candidates = new ArrayList<>();
        try {
            candidates.add(new String[] {prefix, scoped.resolve(prefix, true)});
        } catch (ScopedResolver.NotFound e) {
            return candidates;
        }
        for (GoGlob glob : globs) {
            List<String[]> next = new ArrayList<>();
            for (String[] c : candidates) {
                if (!isEnterableDir(c[1])) continue;
                for (String name : list(c[1])) {
                    if (glob.matches(name)) next.add(new String[] {GoPath.join(c[0], name), GoPath.join(c[1], name)});
                }
            }
            candidates = next;
        }
        return candidates;
    }

    private boolean isEnterableDir(String real) throws IOException {
        try {
            return FileStat.lstat(root.resolve(real)).type() == ContextEntry.Type.DIR
                    && (real.equals(".") || filter.enterable(real));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private boolean isFinalVisible(String real) throws IOException {
        try {
            boolean dir = FileStat.lstat(root.resolve(real)).type() == ContextEntry.Type.DIR;
            scoped.requireVisible(real, dir, true);
            return true;
        } catch (NoSuchFileException | ScopedResolver.NotFound e) {
            return false;
        }
    }

    /** Resolves {@code path} following symlinks (final one too) and reads the target's entry. */
    private ContextEntry follow(String logical, String path, String source) throws IOException {
        try {
            return ContextEntry.read(logical, root.resolve(scoped.resolve(path, true)));
        } catch (ScopedResolver.NotFound e) {
            throw new ContextException("source \"" + source + "\" not found in the build context: " + e.getMessage());
        }
    }

    private List<String> list(String real) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(real))) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        names.sort(GoPath.BYTE_ORDER);
        return names;
    }
}
