package dev.kiln.dockerfile.shell;

import java.util.Map;

/**
 * Where the shell lexer looks variables up. {@code null} means unset; {@code ""} is set but empty.
 * Names are case-sensitive (Linux semantics).
 */
@FunctionalInterface
public interface EnvLookup {
    String get(String name);

    /** No variable is set. */
    static EnvLookup empty() {
        return name -> null;
    }

    /** Looks names up in {@code env} (which the caller keeps in its own order; it is read, never copied). */
    static EnvLookup of(Map<String, String> env) {
        return env::get;
    }
}
