package dev.kiln.dockerfile.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.dockerfile.DockerfileException;
import dev.kiln.testsupport.TestEnv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BuildKit's parser test data (corpora/buildkit-parser, see its README): one dynamic test per case. */
class BuildkitParserConformanceTest {
    private static Path corpus() {
        return TestEnv.corpora().resolve("buildkit-parser");
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    private static List<Path> cases(String dir) throws IOException {
        try (Stream<Path> s = Files.list(corpus().resolve(dir))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> testfilesDumpEqualsResult() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : cases("testfiles")) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                ParseResult r = AstParser.parse(read(dir.resolve("Dockerfile")), "Dockerfile");
                assertEquals(read(dir.resolve("result")), r.ast().dump() + "\n");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> negativeFilesFail() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : cases("testfiles-negative")) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                String text = read(dir.resolve("Dockerfile"));
                assertThrows(DockerfileException.class, () -> AstParser.parse(text, "Dockerfile"));
            }));
        }
        return tests;
    }

    @Test
    void lineNumbers() throws IOException {
        Node ast = AstParser.parse(read(corpus().resolve("testfile-line/Dockerfile")), "Dockerfile").ast();
        assertEquals(5, ast.startLine());
        assertEquals(31, ast.endLine());
        assertEquals(3, ast.children().size());
        int[][] ranges = {{5, 5}, {11, 12}, {17, 31}};
        for (int i = 0; i < 3; i++) {
            assertEquals(ranges[i][0], ast.children().get(i).startLine(), "start of " + i);
            assertEquals(ranges[i][1], ast.children().get(i).endLine(), "end of " + i);
        }
    }

    @TestFactory
    List<DynamicTest> heredocExtracts() throws IOException {
        return heredocCases("heredoc/extracts");
    }

    @TestFactory
    List<DynamicTest> heredocJsonForm() throws IOException {
        return heredocCases("heredoc/json-form");
    }

    private List<DynamicTest> heredocCases(String dir) throws IOException {
        Path base = corpus().resolve(dir);
        Node ast = AstParser.parse(read(base.resolve("Dockerfile")), "Dockerfile").ast();
        JsonNode root = new ObjectMapper().readTree(base.resolve("expected.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            int idx = c.get("astChildIndex").asInt();
            String name = dir + "[" + idx + "] " + c.path("upstreamComment").asText("");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<ParsedHeredoc> actual = ast.children().get(idx).heredocs();
                JsonNode expected = c.get("heredocs");
                if (expected.isNull()) {
                    assertTrue(actual.isEmpty(), "expected no heredocs, got " + actual);
                    return;
                }
                assertEquals(expected.size(), actual.size(), "heredoc count");
                for (int i = 0; i < expected.size(); i++) {
                    JsonNode e = expected.get(i);
                    ParsedHeredoc a = actual.get(i);
                    assertEquals(new ParsedHeredoc(e.get("name").asText(), e.get("fileDescriptor").asInt(),
                            e.get("expand").asBoolean(), e.get("chomp").asBoolean(), e.get("content").asText()), a);
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> heredocHelpers() throws IOException {
        JsonNode root = new ObjectMapper().readTree(corpus().resolve("heredoc/helpers.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode words = root.get("parseHeredocWord");
        for (JsonNode w : words.get("valid")) {
            tests.add(DynamicTest.dynamicTest("valid " + w.asText(), () -> {
                ParsedHeredoc h = Heredocs.parse(w.asText());
                assertNotNull(h);
                assertEquals("EOF", h.name());
            }));
        }
        for (JsonNode w : words.get("invalid")) {
            tests.add(DynamicTest.dynamicTest("invalid " + w.asText(),
                    () -> assertThrows(IllegalArgumentException.class, () -> Heredocs.parse(w.asText()))));
        }
        for (JsonNode w : words.get("notHeredoc")) {
            tests.add(DynamicTest.dynamicTest("not heredoc " + w.asText(), () -> assertNull(Heredocs.parse(w.asText()))));
        }
        for (JsonNode c : root.get("heredocNamesFromLine").get("cases")) {
            String line = c.get("line").asText();
            tests.add(DynamicTest.dynamicTest("names from line " + line, () -> {
                List<String> expected = new ArrayList<>();
                c.get("names").forEach(n -> expected.add(n.asText()));
                assertEquals(expected, Heredocs.fromLine(line).stream().map(ParsedHeredoc::name).toList());
            }));
        }
        for (JsonNode c : root.get("chomp").get("cases")) {
            tests.add(DynamicTest.dynamicTest("chomp " + c.get("input").asText(),
                    () -> assertEquals(c.get("output").asText(), ParsedHeredoc.chompContent(c.get("input").asText()))));
        }
        return tests;
    }
}
