package dev.kiln.context;

import java.io.IOException;

/** Receives the entries of a context walk, in deterministic order (depth-first, names in byte order). */
@FunctionalInterface
public interface ContextVisitor {
    void visit(ContextEntry entry) throws IOException;
}
