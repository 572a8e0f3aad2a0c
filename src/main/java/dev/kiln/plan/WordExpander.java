package dev.kiln.plan;

import java.util.List;
import java.util.Map;

/** Expands Dockerfile words ($VAR, ${VAR:-x}, quotes) against an environment, as BuildKit's shell lexer. */
public interface WordExpander {
    String expand(String word, Map<String, String> env);

    /** Expands and splits on unquoted whitespace (EXPOSE). */
    List<String> expandWords(String word, Map<String, String> env);
}
