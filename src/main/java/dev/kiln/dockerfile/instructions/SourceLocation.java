package dev.kiln.dockerfile.instructions;

/** Where an instruction is in its Dockerfile: 1-based inclusive line range and the original text. */
public record SourceLocation(String file, int startLine, int endLine, String original) {
    public SourceLocation {
        if (startLine < 1 || endLine < startLine) throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine);
        file = file == null ? "Dockerfile" : file;
    }

    /** {@code Dockerfile:7} — the prefix every error about this instruction starts with. */
    public String where() {
        return file + ":" + startLine;
    }
}
