package dev.kiln.fs.snapshot;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes indexed entries and whiteouts into a {@link LayerWriter}, shared by the walk and overlay snapshots.
 * A regular file with several names is written once with contents, then as tar hardlinks to that first name.
 */
final class EntryEmitter {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String TOPIC = "snapshot";
    private final LayerWriter writer;
    private final EventSink events;
    private final Map<String, String> firstNameOfInode = new HashMap<>();
    private int entries;
    private int whiteouts;
    private int skipped;
    private long contentBytes;

    EntryEmitter(LayerWriter writer, EventSink events) {
        this.writer = writer;
        this.events = events;
    }

    /** Writes the entry for {@code absPath}; {@code source} is where its contents are on disk. */
    void add(String absPath, StatEntry e, Path source) throws IOException {
        EntryMeta meta = e.meta();
        switch (e.kind()) {
            case DIR -> writer.addDirectory(absPath, meta);
            case SYMLINK -> writer.addSymlink(absPath, meta, e.linkTarget());
            case FILE -> {
                String first = e.isHardlinked() ? firstNameOfInode.putIfAbsent(e.inodeKey(), absPath) : null;
                if (first != null) {
                    writer.addHardlink(absPath, meta, first);
                } else {
                    writer.addFile(absPath, meta, source, e.size());
                    contentBytes += e.size();
                }
            }
            case SOCKET -> {
                skipped++;
                events.emit(Event.debug(TOPIC, "skipping socket " + absPath + " (sockets are not stored in layers)"));
                return;
            }
            case CHAR, BLOCK, FIFO -> {
                skipped++;
                events.emit(Event.warn(TOPIC, "skipping " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " " + absPath + ": device nodes and FIFOs are not supported in RUN layers yet"));
                return;
            }
        }
        entries++;
    }

    /** A whiteout entry {@code .wh.<name>} hiding {@code deletedAbsPath} of the layers below. */
    void whiteout(String deletedAbsPath, long mtimeSeconds) throws IOException {
        String parent = LayerPaths.parent(deletedAbsPath);
        writer.addFile(LayerPaths.resolve(parent, WHITEOUT + LayerPaths.baseName(deletedAbsPath)), marker(mtimeSeconds), new byte[0]);
        whiteouts++;
        entries++;
    }

    /** The opaque marker in {@code dirAbsPath}: every lower-layer child of that directory is hidden. */
    void opaque(String dirAbsPath, long mtimeSeconds) throws IOException {
        writer.addFile(LayerPaths.resolve(dirAbsPath, OPAQUE), marker(mtimeSeconds), new byte[0]);
        whiteouts++;
        entries++;
    }

    private static EntryMeta marker(long mtimeSeconds) {
        return new EntryMeta(0, 0, 0, mtimeSeconds);
    }

    int entries() {
        return entries;
    }

    int whiteouts() {
        return whiteouts;
    }

    int skipped() {
        return skipped;
    }

    long contentBytes() {
        return contentBytes;
    }
}
