package dev.kiln.step;

import java.io.IOException;
import java.util.List;

/** Where COPY/ADD read from, with .dockerignore already applied (ignored files do not exist here). */
public interface SourceTree {
    /** The entries a source pattern names (globs expanded, directories not walked); an error if none. */
    List<SourceEntry> match(String pattern) throws IOException;

    /** Everything below a directory entry, parents before children, in byte order of names; no symlinks followed. */
    List<SourceEntry> walk(SourceEntry dir) throws IOException;
}
