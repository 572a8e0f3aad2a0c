package dev.kiln.dockerfile.instructions;

/**
 * A heredoc body ({@code <<EOF}); {@code expand} is false when the delimiter was quoted; {@code chomp} for {@code <<-}.
 * {@code content} is the raw body as written (each line with its newline, leading tabs kept); {@link #body()} is
 * the text to use (leading tabs of every line removed when {@code chomp}).
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {

    /** The body as BuildKit uses it: for {@code <<-} every line's leading tabs removed. */
    public String body() {
        return chomp ? content.replaceAll("(?m)^\t+", "") : content;
    }
}
