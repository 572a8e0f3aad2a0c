package dev.kiln.run;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the small setup scripts the sandboxes generate. */
final class Sh {
    private Sh() {}

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String words(List<String> words) {
        return words.stream().map(Sh::quote).collect(Collectors.joining(" "));
    }

    static String words(String... words) {
        return words(List.of(words));
    }
}
