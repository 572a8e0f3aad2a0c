package dev.kiln.build;

import dev.kiln.context.BuildContext;
import dev.kiln.context.ContextEntry;
import dev.kiln.context.ContextException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The local build context (with its .dockerignore) as a COPY/ADD {@link SourceTree}. */
public record ContextSources(BuildContext context) implements SourceTree {
    public static ContextSources open(Path root, Path dockerfile) throws IOException {
        return new ContextSources(BuildContext.dir(root, dockerfile));
    }

    @Override
    public List<SourceEntry> match(String pattern) throws IOException {
        try {
            List<SourceEntry> out = new ArrayList<>();
            for (ContextEntry e : context.resolve(pattern)) out.add(convert(e));
            return out;
        } catch (ContextException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<SourceEntry> walk(SourceEntry dir) throws IOException {
        List<SourceEntry> out = new ArrayList<>();
        try {
            context.walk(dir.relPath(), e -> out.add(convert(e)));
        } catch (ContextException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }

    private static SourceEntry convert(ContextEntry e) throws IOException {
        SourceEntry.Kind kind = switch (e.type()) {
            case FILE -> SourceEntry.Kind.FILE;
            case DIR -> SourceEntry.Kind.DIR;
            case SYMLINK -> SourceEntry.Kind.SYMLINK;
            case OTHER -> throw new IOException("cannot copy " + e.path() + ": not a regular file, directory or symlink");
        };
        return new SourceEntry(e.path(), e.absolute(), kind, e.permissions(), e.size(),
                e.stat().mtime().toInstant().getEpochSecond(), e.linkTarget());
    }
}
