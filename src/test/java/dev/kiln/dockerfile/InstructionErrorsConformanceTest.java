package dev.kiln.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.dockerfile.parser.AstParser;
import dev.kiln.dockerfile.parser.Node;
import dev.kiln.testsupport.TestEnv;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** corpora/buildkit-parser/instruction-errors.json: text that parses but whose first instruction is invalid. */
class InstructionErrorsConformanceTest {

    @TestFactory
    List<DynamicTest> instructionErrors() throws IOException {
        JsonNode root = new ObjectMapper().readTree(
                TestEnv.corpora().resolve("buildkit-parser/instruction-errors.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.get("cases")) {
            String text = c.get("dockerfile").asText();
            tests.add(DynamicTest.dynamicTest((i++) + " " + c.get("source").asText() + ": " + text.replace("\n", "\\n"), () -> {
                Node first = AstParser.parse(text, "Dockerfile").ast().children().getFirst();
                DockerfileException e = assertThrows(DockerfileException.class, () -> InstructionParser.parse(first, "Dockerfile"));
                String prefix = "Dockerfile:" + first.startLine() + ": ";
                assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
                String message = e.getMessage().substring(prefix.length());
                if (c.has("errorEquals")) {
                    assertEquals(c.get("errorEquals").asText(), message);
                } else {
                    assertTrue(message.contains(c.get("errorContains").asText()), message);
                }
            }));
        }
        return tests;
    }
}
