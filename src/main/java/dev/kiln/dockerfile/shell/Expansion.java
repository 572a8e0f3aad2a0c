package dev.kiln.dockerfile.shell;

import java.util.List;
import java.util.Set;

/**
 * The result of expanding one word: the single-string form ({@link ShellLex#processWord}), the split words
 * ({@link ShellLex#processWords}), and the variable names the word referenced that were set ({@code matched})
 * or unset ({@code unmatched}) — BuildKit uses these to report unused build args and for cache keys.
 */
public record Expansion(String result, List<String> words, Set<String> matched, Set<String> unmatched) {
    public Expansion {
        words = List.copyOf(words);
        matched = Set.copyOf(matched);
        unmatched = Set.copyOf(unmatched);
    }
}
