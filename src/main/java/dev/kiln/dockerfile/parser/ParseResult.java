package dev.kiln.dockerfile.parser;

import java.util.List;
import java.util.Map;

/**
 * A parsed Dockerfile AST.
 *
 * @param ast         the root node; one child per instruction
 * @param escapeToken the escape character in effect ({@code \} or {@code `})
 * @param directives  the parser directives found at the top ({@code syntax}, {@code escape}, {@code check})
 * @param warnings    non-fatal findings (empty continuation lines)
 */
public record ParseResult(Node ast, char escapeToken, Map<String, String> directives, List<String> warnings) {
    public ParseResult {
        directives = Map.copyOf(directives);
        warnings = List.copyOf(warnings);
    }
}
