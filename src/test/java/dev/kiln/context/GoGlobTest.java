package dev.kiln.context;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoGlobTest {
    @Test
    void starQuestionAndClasses() {
        assertTrue(GoGlob.compile("*.txt").matches("a.txt"));
        assertFalse(GoGlob.compile("*.txt").matches("a/b.txt"));
        assertTrue(GoGlob.compile("f?.go").matches("fa.go"));
        assertFalse(GoGlob.compile("f?.go").matches("f.go"));
        assertTrue(GoGlob.compile("[a-c]x").matches("bx"));
        assertFalse(GoGlob.compile("[^a-c]x").matches("bx"));
        assertTrue(GoGlob.compile("[[]").matches("["), "[ inside a class is literal");
        assertTrue(GoGlob.compile("a&&b").matches("a&&b"));
    }

    @Test
    void backslashEscapes() {
        assertTrue(GoGlob.compile("a\\*b").matches("a*b"));
        assertFalse(GoGlob.compile("a\\*b").matches("axb"));
        assertFalse(GoGlob.hasWildcards("a\\*b"));
        assertTrue(GoGlob.hasWildcards("a\\*b*"));
    }

    @Test
    void badPatternsAreRejected() {
        for (String bad : new String[] {"[", "a[", "[]a]", "[x-]", "\\", "[a-b-c]"}) {
            assertThrows(IllegalArgumentException.class, () -> GoGlob.compile(bad), bad);
        }
        assertFalse(GoGlob.compile("[z-a]").matches("m"), "a reversed range matches nothing");
    }
}
