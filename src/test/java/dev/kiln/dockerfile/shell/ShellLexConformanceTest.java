package dev.kiln.dockerfile.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testsupport.TestEnv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BuildKit's shell lexer vectors (corpora/buildkit-shell, see its README): one dynamic test per row. */
class ShellLexConformanceTest {
    private static final ShellLex LEX = new ShellLex('\\');

    private static Path corpus() {
        return TestEnv.corpora().resolve("buildkit-shell");
    }

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(corpus().resolve(name), StandardCharsets.UTF_8);
    }

    @TestFactory
    List<DynamicTest> envVarTest() throws IOException {
        Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = lines("envVarTest");
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            if (raw.startsWith("#") || raw.isBlank()) continue;
            String[] f = raw.strip().split("\\|", -1);
            assertEquals(3, f.length, "envVarTest line " + (n + 1));
            String platform = f[0].strip(), input = f[1].strip(), expected = f[2].strip();
            if (platform.equals("W")) continue;
            tests.add(DynamicTest.dynamicTest("envVarTest:" + (n + 1) + " " + input, () -> {
                if (expected.equals("error")) {
                    assertThrows(ShellExpansionException.class, () -> LEX.processWord(input, env));
                } else {
                    assertEquals(expected, LEX.processWord(input, env));
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> wordsTest() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = lines("wordsTest");
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            if (raw.startsWith("#")) continue;
            if (raw.startsWith("ENV ")) {
                String kv = raw.substring(3).stripLeading();
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
                continue;
            }
            String[] f = raw.split("\\|", -1);
            assertEquals(2, f.length, "wordsTest line " + (n + 1));
            String input = f[0].strip();
            String expected = f[1].replaceFirst("^ +", "");
            Map<String, String> snapshot = Map.copyOf(env);
            tests.add(DynamicTest.dynamicTest("wordsTest:" + (n + 1) + " " + input, () -> {
                if (expected.equals("error")) {
                    assertThrows(ShellExpansionException.class, () -> LEX.processWords(input, snapshot));
                } else {
                    assertEquals(Arrays.asList(expected.split(",", -1)), LEX.processWords(input, snapshot));
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> processWordCases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(corpus().resolve("process-word-cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            int index = i++;
            String input = c.get("input").asText();
            Map<String, String> env = new LinkedHashMap<>();
            c.get("envs").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            tests.add(DynamicTest.dynamicTest("case " + index + " " + c.get("source").asText() + " " + input, () -> {
                if (c.path("expectError").asBoolean(false)) {
                    var e = assertThrows(ShellExpansionException.class, () -> LEX.process(input, EnvLookup.of(env)));
                    if (c.has("errorContains")) {
                        assertTrue(e.getMessage().contains(c.get("errorContains").asText()), e.getMessage());
                    }
                    return;
                }
                Expansion x = LEX.process(input, EnvLookup.of(env));
                assertEquals(c.get("expected").asText(), x.result());
                if (c.has("matched")) assertEquals(names(c.get("matched")), x.matched(), "matched");
                if (c.has("unmatched")) assertEquals(names(c.get("unmatched")), x.unmatched(), "unmatched");
            }));
        }
        return tests;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
