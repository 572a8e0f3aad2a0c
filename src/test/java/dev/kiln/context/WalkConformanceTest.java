package dev.kiln.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every case of shared/corpora/dockerignore/walk-cases.json (upstream tonistiigi/fsutil filter tests). */
class WalkConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> walkCases() throws IOException {
        JsonNode root = JSON.readTree(DockerIgnoreConformanceTest.corpus().resolve("walk-cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " (" + c.get("kind").asText() + ")", () -> run(c)));
        }
        assertEquals(34, tests.size());
        return tests.stream();
    }

    private static void run(JsonNode c) throws IOException {
        Path dir = Files.createTempDirectory("kiln-walk-case");
        List<Path> locked = new ArrayList<>();
        try {
            makeTree(dir, c.get("tree"), locked);
            if (c.has("requires") && c.path("expectedError").asBoolean()) {
                Assumptions.assumeFalse(isRoot(), "needs a non-root user: root can read a mode-0000 directory");
            }
            runIn(dir, c);
        } finally {
            for (Path p : locked) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            deleteTree(dir);
        }
    }

    private static void runIn(Path dir, JsonNode c) throws IOException {
        if (c.path("expectedError").asBoolean()) {
            assertThrows(Exception.class, () -> walk(filterFor(dir, c), dir));
            return;
        }
        FilteredWalk walk = filterFor(dir, c);
        if (c.has("expectedWalk")) assertEquals(strings(c.get("expectedWalk")), walk(walk, dir));
        if (c.has("expectedOpen")) {
            for (Map.Entry<String, JsonNode> e : c.get("expectedOpen").properties()) {
                boolean ok = walk.visible(e.getKey()) && Files.exists(dir.resolve(e.getKey()));
                assertEquals(e.getValue().asText(), ok ? "ok" : "not-exist", "open " + e.getKey());
            }
        }
    }

    private static FilteredWalk filterFor(Path dir, JsonNode c) {
        List<DockerIgnore> excludes = new ArrayList<>();
        if (c.has("stackedExcludePatterns")) {
            for (JsonNode layer : c.get("stackedExcludePatterns")) excludes.add(DockerIgnore.of(strings(layer)));
        } else if (!c.get("excludePatterns").isEmpty()) {
            excludes.add(DockerIgnore.of(strings(c.get("excludePatterns"))));
        }
        List<String> include = c.has("includePatterns") ? strings(c.get("includePatterns")) : List.of();
        return new FilteredWalk(dir, include.isEmpty() ? null : PatternMatcher.compile(include), excludes);
    }

    private static List<String> walk(FilteredWalk walk, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        walk.walk(".", ".", e -> out.add((e.isDirectory() ? "dir " : "file ") + e.path()));
        return out;
    }

    private static void makeTree(Path dir, JsonNode tree, List<Path> locked) throws IOException {
        for (JsonNode n : tree) {
            Path p = dir.resolve(n.get("path").asText());
            if (n.get("type").asText().equals("dir")) {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createFile(p);
            }
            if (n.path("mode").asText().equals("0000")) locked.add(p);
        }
        for (Path p : locked) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
