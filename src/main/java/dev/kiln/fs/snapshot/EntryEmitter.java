package dev.kiln.fs.snapshot;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.VirtualOwnership;

import java.io.IOException;
import java.nio.file.Path;
import dev.kiln.fs.nativeio.Native;
import dev.kiln.fs.nativeio.Xattrs;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Not root: the owners, modes, devices and xattrs the rootfs could not take (null: disk says it all). */
    private final VirtualOwnership virtual;

    EntryEmitter(LayerWriter writer, EventSink events) {
        this(writer, events, null);
    }

    EntryEmitter(LayerWriter writer, EventSink events, VirtualOwnership virtual) {
        this.writer = writer;
        this.events = events;
        this.virtual = virtual;
    }

    /**
     * Writes the entry for {@code absPath}; {@code source} is where its contents are on disk. A path the virtual
     * ownership map has a record for gets the recorded owner, mode, device and xattrs instead of what disk says.
     */
    void add(String absPath, StatEntry e, Path source) throws IOException {
        VirtualOwnership.Recorded r = virtual == null ? null : virtual.get(absPath).orElse(null);
        EntryMeta meta = r == null ? e.meta() : new EntryMeta(r.mode(), r.uid(), r.gid(), e.meta().mtimeSeconds());
        Map<String, byte[]> xattrs = xattrs(source);
        if (r != null && !r.xattrs().isEmpty()) {
            xattrs = new TreeMap<>(xattrs);
            xattrs.putAll(r.xattrs());
        }
        if (r != null && r.device() != null) { // a placeholder file stands for the device on disk
            writer.addSpecial(absPath, meta, r.device().tarType(), r.device().major(), r.device().minor(), xattrs);
            entries++;
            return;
        }
        switch (e.kind()) {
            case DIR -> writer.addDirectory(absPath, meta, xattrs);
            case SYMLINK -> writer.addSymlink(absPath, meta.withMode(e.mode()), e.linkTarget(), xattrs);
            case FILE -> {
                String first = e.isHardlinked() ? firstNameOfInode.putIfAbsent(e.inodeKey(), absPath) : null;
                if (first != null) {
                    writer.addHardlink(absPath, meta, first);
                } else {
                    writer.addFile(absPath, meta, source, e.size(), xattrs);
                    contentBytes += e.size();
                }
            }
            case CHAR, BLOCK, FIFO -> {
                byte type = e.kind() == FileKind.CHAR ? TarConstants.LF_CHR
                        : e.kind() == FileKind.BLOCK ? TarConstants.LF_BLK : TarConstants.LF_FIFO;
                writer.addSpecial(absPath, meta, type, (int) Native.major(e.rdev()), (int) Native.minor(e.rdev()), xattrs);
            }
            case SOCKET -> {
                skipped++;
                events.emit(Event.debug(TOPIC, "skipping socket " + absPath + " (sockets are not stored in layers)"));
                return;
            }
        }
        entries++;
    }

    /** Extended attributes to keep (e.g. security.capability); overlayfs' own attributes are never copied. */
    private static Map<String, byte[]> xattrs(Path source) throws IOException {
        List<String> names = Xattrs.list(source);
        if (names.isEmpty()) return Map.of();
        Map<String, byte[]> out = new TreeMap<>();
        for (String n : names) {
            if (n.startsWith("trusted.overlay.") || n.startsWith("user.overlay.")) continue;
            Xattrs.get(source, n).ifPresent(v -> out.put(n, v));
        }
        return out;
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
