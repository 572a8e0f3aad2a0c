package dev.kiln.plan;

import dev.kiln.dockerfile.shell.ShellLex;

import java.util.List;
import java.util.Map;

/** {@link WordExpander} backed by BuildKit-compatible {@link ShellLex} with the Dockerfile's escape token. */
public record ShellWords(ShellLex lex) implements WordExpander {
    public static ShellWords forEscape(char escape) {
        return new ShellWords(new ShellLex(escape));
    }

    @Override
    public String expand(String word, Map<String, String> env) {
        return lex.processWord(word, env);
    }

    @Override
    public List<String> expandWords(String word, Map<String, String> env) {
        return lex.processWords(word, env);
    }
}
