package dev.kiln.dockerfile.shell;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ShellLex options and escape token beyond the upstream vectors. */
class ShellLexTest {
    private final Map<String, String> env = new LinkedHashMap<>(Map.of("A", "a b", "P", "/usr/local/bin:/usr/bin"));

    @Test
    void backtickEscape() {
        ShellLex lex = new ShellLex('`');
        assertEquals("c:\\dir $A", lex.processWord("c:\\dir `$A", env));
        assertEquals("x\"y", lex.processWord("\"x`\"y\"", env));
    }

    @Test
    void wordsAndPatterns() {
        ShellLex lex = new ShellLex('\\');
        assertEquals(List.of("80/tcp", "a", "b"), lex.processWords("80/tcp $A", env));
        assertEquals(List.of("a b"), lex.processWords("\"$A\"", env));
        assertEquals("/usr/bin", lex.processWord("${P#*:}", env));
        assertEquals("/usr/local/bin", lex.processWord("${P%:*}", env));
        assertEquals("/usr/local/bin /usr/bin", lex.processWord("${P//:/ }", env));
    }

    @Test
    void optionsUsedForHeredocs() {
        ShellLex raw = new ShellLex('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);
        assertEquals(List.of("RUN", "<<  'EOF'", "$X", "a\\ b"), raw.processWords("RUN <<  'EOF' $X a\\ b", EnvLookup.empty()));
        ShellLex body = new ShellLex('\\').withSkipProcessQuotes(true);
        assertEquals("echo 'a b' \"x\"", body.processWord("echo '$A' \"x\"", env));
    }

    @Test
    void matchesAndErrors() {
        Expansion x = new ShellLex('\\').process("${A:+y}$NOPE", EnvLookup.of(env));
        assertEquals("y", x.result());
        assertEquals(Set.of("A"), x.matched());
        assertEquals(Set.of("NOPE"), x.unmatched());
        ShellExpansionException e = assertThrows(ShellExpansionException.class,
                () -> new ShellLex('\\').processWord("${NOPE:?must be set}", env));
        assertEquals("failed to process \"${NOPE:?must be set}\": NOPE: must be set", e.getMessage());
    }
}
