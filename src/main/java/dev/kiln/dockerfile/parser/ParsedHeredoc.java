package dev.kiln.dockerfile.parser;

/**
 * A heredoc attached to an instruction ({@code <<EOF}, {@code <<-EOF}, {@code 3<<'EOF'}).
 *
 * @param name           the delimiter word with quotes removed
 * @param fileDescriptor the number written before {@code <<}, 0 when absent
 * @param expand         false when any part of the delimiter was quoted (no variable expansion of the body)
 * @param chomp          {@code <<-}: leading tabs are stripped from the body when it is used
 * @param content        the raw body lines, each with its newline, tabs kept
 */
public record ParsedHeredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {
    public ParsedHeredoc {
        content = content == null ? "" : content;
    }

    ParsedHeredoc withContent(String body) {
        return new ParsedHeredoc(name, fileDescriptor, expand, chomp, body);
    }

    /** The body as it is used: for {@code <<-} every line's leading tabs removed. */
    public String effectiveContent() {
        return chomp ? chompContent(content) : content;
    }

    /** BuildKit's {@code ChompHeredocContent}: strips leading tabs of every line. */
    public static String chompContent(String src) {
        return src.replaceAll("(?m)^\t+", "");
    }
}
