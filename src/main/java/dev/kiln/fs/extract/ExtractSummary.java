package dev.kiln.fs.extract;

/** What an extraction did: layers applied, tar entries processed (whiteouts included), file bytes written. */
public record ExtractSummary(int layers, long entries, long bytes) {
    public ExtractSummary {
        if (layers < 0 || entries < 0 || bytes < 0) throw new IllegalArgumentException("negative count");
    }

    public static final ExtractSummary EMPTY = new ExtractSummary(0, 0, 0);

    public ExtractSummary plus(ExtractSummary o) {
        return new ExtractSummary(layers + o.layers, entries + o.entries, bytes + o.bytes);
    }
}
