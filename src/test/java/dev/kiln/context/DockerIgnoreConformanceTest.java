package dev.kiln.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every row of shared/corpora/dockerignore/cases.tsv and readall-cases.json (upstream moby/patternmatcher). */
class DockerIgnoreConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path corpus() {
        return TestEnv.corpora().resolve("dockerignore");
    }

    @TestFactory
    Stream<DynamicTest> patternMatcherCases() throws IOException {
        List<String> lines = Files.readAllLines(corpus().resolve("cases.tsv"));
        assertEquals("id\tapi\tplatform\tpatterns\tpath\texpected\tsource", lines.getFirst());
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            List<String> patterns = new ArrayList<>();
            JSON.readTree(f[3]).forEach(n -> patterns.add(n.asText()));
            String path = JSON.readTree(f[4]).asText();
            String expected = f[5];
            String name = f[0] + " " + f[3] + " vs " + f[4] + " -> " + expected;
            tests.add(DynamicTest.dynamicTest(name, () -> check(f[1], patterns, path, expected)));
        }
        assertEquals(138, tests.size());
        return tests.stream();
    }

    private static void check(String api, List<String> patterns, String path, String expected) {
        if (expected.equals("error")) {
            assertThrows(IllegalArgumentException.class, () -> matches(api, patterns, path));
        } else {
            assertEquals(Boolean.parseBoolean(expected), matches(api, patterns, path));
        }
    }

    /** The package-level {@code Matches} cleans the path and never matches "."; the methods take it as is. */
    private static boolean matches(String api, List<String> patterns, String path) {
        PatternMatcher pm = PatternMatcher.compile(patterns);
        if (api.equals("Matches")) {
            String clean = GoPath.clean(path);
            return !clean.equals(".") && pm.matches(clean);
        }
        return pm.matches(path);
    }

    @TestFactory
    Stream<DynamicTest> readAllCases() throws IOException {
        JsonNode root = JSON.readTree(corpus().resolve("readall-cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String input = c.get("input").isNull() ? null : c.get("input").asText();
            List<String> expected = new ArrayList<>();
            c.get("expected").forEach(n -> expected.add(n.asText()));
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(),
                    () -> assertEquals(expected, DockerIgnore.readPatterns(input))));
        }
        return tests.stream();
    }
}
