package dev.kiln.dockerfile.instructions;

/** A heredoc body ({@code <<EOF}); {@code expand} is false when the delimiter was quoted; {@code chomp} for {@code <<-}. */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {}
