package dev.kiln.context;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerIgnoreTest {
    @Test
    void exceptionReincludesAfterWildcard() {
        DockerIgnore ig = DockerIgnore.parse("# docs\n*.md\n!README.md\n");
        assertTrue(ig.excludes("NOTES.md"));
        assertFalse(ig.excludes("README.md"));
        assertFalse(ig.excludes("sub/NOTES.md"), "* stays within one segment");
        assertEquals(List.of("*.md", "!README.md"), ig.patterns());
    }

    @Test
    void doubleStarMatchesAnyDepth() {
        DockerIgnore ig = DockerIgnore.parse("**/*.log");
        assertTrue(ig.excludes("a.log"));
        assertTrue(ig.excludes("x/y/z.log"));
        assertFalse(ig.excludes("a.log.txt"));
    }

    @Test
    void directoryMatchExcludesEverythingBelow() {
        DockerIgnore ig = DockerIgnore.parse("/build/\n");
        assertTrue(ig.excludes("build"));
        assertTrue(ig.excludes("build/a/b/c"));
        assertFalse(ig.excludes("builder"));
        assertFalse(ig.excludes("."));
    }

    @Test
    void laterPatternsOverrideEarlierOnes() {
        DockerIgnore ig = DockerIgnore.parse("!keep\n*\n");
        assertTrue(ig.excludes("keep"));
        DockerIgnore again = DockerIgnore.parse("*\n!keep\n");
        assertFalse(again.excludes("keep"));
        assertTrue(again.excludes("other"));
    }

    @Test
    void bomCrlfAndClassesAreHandled() {
        DockerIgnore ig = DockerIgnore.parse("\uFEFFtmp[0-9]\r\n  spaced  \r\n");
        assertEquals(List.of("tmp[0-9]", "spaced"), ig.patterns());
        assertTrue(ig.excludes("tmp7"));
        assertFalse(ig.excludes("tmpx"));
        assertTrue(ig.excludes("spaced"));
    }

    @Test
    void errorsNameFileAndLine() {
        ContextException bang = assertThrows(ContextException.class, () -> DockerIgnore.parse("ok\n!\n"));
        assertEquals(".dockerignore:2: illegal exclusion pattern: \"!\"", bang.getMessage());
        ContextException bad = assertThrows(ContextException.class, () -> DockerIgnore.parse("app.Dockerfile.dockerignore", "a\n\nb[\n"));
        assertTrue(bad.getMessage().startsWith("app.Dockerfile.dockerignore:3: syntax error in pattern \"b[\""), bad.getMessage());
    }

    @Test
    void mayReincludeUnderFollowsFsutil() {
        DockerIgnore prefixOnly = DockerIgnore.parse("docs\n!docs/api/README.md\n");
        assertTrue(prefixOnly.mayReincludeUnder("docs"));
        assertTrue(prefixOnly.mayReincludeUnder("docs/api"));
        assertFalse(prefixOnly.mayReincludeUnder("docs/other"));
        assertFalse(prefixOnly.mayReincludeUnder("doc"));
        assertTrue(DockerIgnore.parse("*\n!**/keep\n").mayReincludeUnder("any/dir"));
        assertTrue(DockerIgnore.parse("*\n!src/*\n").mayReincludeUnder("src"), "trailing /* is a prefix");
        assertFalse(DockerIgnore.parse("node_modules\n").mayReincludeUnder("node_modules"));
    }

    @Test
    void noneExcludesNothing() {
        assertTrue(DockerIgnore.none().isEmpty());
        assertFalse(DockerIgnore.none().excludes("anything"));
        assertEquals(List.of(), DockerIgnore.readPatterns(null));
    }
}
