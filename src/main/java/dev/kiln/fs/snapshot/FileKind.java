package dev.kiln.fs.snapshot;

/** The type of a filesystem entry, from the {@code S_IFMT} bits of {@code st_mode}. */
public enum FileKind {
    FILE, DIR, SYMLINK, CHAR, BLOCK, FIFO, SOCKET;

    /** The kind encoded in a full {@code st_mode} value. */
    public static FileKind ofMode(int stMode) {
        return switch (stMode & 0170000) {
            case 0100000 -> FILE;
            case 0040000 -> DIR;
            case 0120000 -> SYMLINK;
            case 0020000 -> CHAR;
            case 0060000 -> BLOCK;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            default -> throw new IllegalArgumentException("unknown file type in mode " + Integer.toOctalString(stMode));
        };
    }
}
