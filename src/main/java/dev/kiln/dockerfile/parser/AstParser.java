package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.DockerfileException;
import dev.kiln.dockerfile.shell.GoChars;

import java.util.ArrayList;
import java.util.List;

/**
 * Dockerfile text to generic AST, exactly as BuildKit's {@code parser.Parse}: parser directives, escape token,
 * line continuations (comments and blank lines inside them skipped), per-keyword argument parsing and heredoc
 * bodies. Errors are {@link DockerfileException}s with the instruction's first line.
 */
public final class AstParser {
    private final String file;
    private final List<String> lines;
    private final Directives directives = new Directives();
    private final List<String> warnings = new ArrayList<>();
    private int index;
    private int currentLine;

    private AstParser(String text, String file) {
        this.file = file;
        this.lines = splitLines(text);
    }

    /** Parses {@code text}; {@code file} names the Dockerfile in error messages ({@code Dockerfile:7: ...}). */
    public static ParseResult parse(String text, String file) {
        return new AstParser(text, file).run();
    }

    private ParseResult run() {
        List<Node> children = new ArrayList<>();
        while (index < lines.size()) {
            String raw = lines.get(index++);
            if (currentLine == 0 && raw.startsWith("\uFEFF")) raw = raw.substring(1);
            String processed = processLine(raw, true);
            currentLine++;
            int startLine = currentLine;
            String cont = directives.continuation(processed);
            if (cont == null && processed.isEmpty()) continue;
            StringBuilder line = new StringBuilder(cont == null ? processed : cont);
            boolean hasEmptyContinuation = false;
            while (cont != null && index < lines.size()) {
                String next = lines.get(index++);
                String p = processLine(next, false);
                currentLine++;
                if (isComment(next)) continue;
                if (GoChars.trimLeftSpace(trimNewline(p)).isEmpty()) {
                    hasEmptyContinuation = true;
                    continue;
                }
                cont = directives.continuation(p);
                line.append(cont == null ? p : cont);
            }
            if (hasEmptyContinuation) warnings.add("Empty continuation line found in: " + line);
            children.add(instruction(line.toString(), startLine));
        }
        if (children.isEmpty()) throw new DockerfileException(file, currentLine, "file with no instructions");
        Node root = new Node("", null, children, false, "", List.of(),
                children.getFirst().startLine(), children.getLast().endLine(), List.of());
        return new ParseResult(root, directives.escapeToken(), directives.values(), warnings);
    }

    private Node instruction(String line, int startLine) {
        Node child;
        List<ParsedHeredoc> docs = List.of();
        try {
            child = LineParsers.node(line, directives);
            if (Heredocs.allowed(child) && line.contains("<<")) docs = Heredocs.fromLine(line);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(file, startLine, e.getMessage());
        }
        List<ParsedHeredoc> filled = new ArrayList<>();
        for (ParsedHeredoc doc : docs) filled.add(doc.withContent(readBody(doc, startLine)));
        return child.withHeredocs(filled).withLines(startLine, currentLine);
    }

    /** Reads raw lines up to the terminator (leading tabs ignored for {@code <<-}). */
    private String readBody(ParsedHeredoc doc, int startLine) {
        StringBuilder content = new StringBuilder();
        while (index < lines.size()) {
            String raw = lines.get(index++);
            currentLine++;
            String candidate = trimNewline(raw);
            if (doc.chomp()) candidate = stripLeadingTabs(candidate);
            if (candidate.equals(doc.name())) return content.toString();
            content.append(raw);
        }
        throw new DockerfileException(file, startLine, "unterminated heredoc");
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') i++;
        return s.substring(i);
    }

    /** Drops the newline (and, at the start of an instruction, leading blanks); a comment line becomes "". */
    private String processLine(String raw, boolean stripLeft) {
        String token = trimNewline(raw);
        if (stripLeft) token = GoChars.trimLeftSpace(token);
        try {
            directives.offer(token);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(file, currentLine + 1, e.getMessage());
        }
        return isComment(token) ? "" : token;
    }

    private static boolean isComment(String line) {
        return GoChars.trimLeftSpace(trimNewline(line)).startsWith("#");
    }

    private static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) end--;
        return s.substring(0, end);
    }

    /** Splits after every {@code \n}, keeping it (Go's line scanner variant that preserves line endings). */
    private static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }
}
