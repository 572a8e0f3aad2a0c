package dev.kiln.fs.extract;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerIndexUpdate;
import dev.kiln.fs.LayerPaths;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.nativeio.Native;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies one layer's tar stream to a rootfs; see {@link Extractor} for the rules. One use. */
final class LayerApplier {
    private static final String WH = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Path root;
    private final EventSink events;
    private final String label;
    private final Metadata meta;
    private final SkipPaths skip;
    private final Set<Path> thisLayer = new HashSet<>();
    private final Map<Path, TarArchiveEntry> dirs = new LinkedHashMap<>();
    /** Real directories seen in this layer (fewer lookups); forgotten whenever a directory may have been removed. */
    private final Set<Path> knownDirs = new HashSet<>();
    private final LayerIndexUpdate index;
    /** Not root: what cannot be set on disk is recorded here (null: root, everything is applied). */
    private final VirtualOwnership virtual;
    /** The cleaned path of the entry being applied when the index captures its contents, else null. */
    private String capture;
    private long entries;
    private long bytes;

    LayerApplier(Path root, EventSink events, String label, SkipPaths skip) {
        this(root, events, label, skip, null, null);
    }

    /** @param index updated with every entry as it is applied (null: none) */
    LayerApplier(Path root, EventSink events, String label, SkipPaths skip, LayerIndexUpdate index, VirtualOwnership virtual) {
        this.index = index;
        this.virtual = virtual;
        this.root = root;
        this.skip = skip;
        this.events = events;
        this.label = label;
        this.meta = new Metadata(events, label, virtual, p -> SkipPaths.abs(root, p));
    }

    /** One buffer for every file's content (InputStream.transferTo made a 16 KiB array per file: 22 % of an extraction's garbage). */
    private final byte[] copyBuffer = new byte[64 * 1024];

    ExtractSummary apply(InputStream in) throws IOException {
        try (XattrTarInputStream tar = new XattrTarInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries++;
                capture = index == null ? null : index.entry(e);
                try {
                    entry(tar, e);
                } catch (IOException | RuntimeException ex) {
                    throw new IOException(label + ": entry " + printable(e.getName()) + ": " + ex.getMessage(), ex);
                }
            }
            in.transferTo(OutputStream.nullOutputStream()); // to the blob's end: a remote blob is verified there
        }
        // children changed the directories' mtimes: set them last (a directory set twice keeps the last entry)
        for (Map.Entry<Path, TarArchiveEntry> d : dirs.entrySet()) {
            BasicFileAttributes a = FsOps.lstat(d.getKey());
            if (a != null && a.isDirectory()) meta.times(d.getKey(), d.getValue());
        }
        return new ExtractSummary(1, entries, bytes);
    }

    private void entry(XattrTarInputStream tar, TarArchiveEntry e) throws IOException {
        if (events.accepts(Event.Level.TRACE)) events.emit(Event.trace("extract", label + ": " + printable(e.getName())));
        String path = LayerPaths.clean(e.getName());
        String base = LayerPaths.baseName(path);
        if (base.equals(OPAQUE)) {
            opaque(LayerPaths.parent(path));
            return;
        }
        if (base.startsWith(WH)) {
            whiteout(LayerPaths.parent(path), base.substring(WH.length()));
            return;
        }
        Path target = SecureJoin.resolve(root, path, false, knownDirs);
        if (target.equals(root) && !e.isDirectory()) {
            events.emit(Event.warn("extract", label + ": skipped " + printable(e.getName()) + ": a non-directory cannot replace the rootfs"));
            return;
        }
        BasicFileAttributes existing = FsOps.lstat(target);
        if (!skip.isEmpty() && skipped(e, target, existing)) return;
        if (!target.equals(root)) {
            List<Path> made = FsOps.mkdirs(root, target.getParent(), knownDirs);
            thisLayer.addAll(made);
            if (virtual != null) for (Path d : made) implicitDir(d);
        }
        if (e.isDirectory()) {
            if (existing != null && !existing.isDirectory()) FsOps.removeAll(target);
            if (existing == null || !existing.isDirectory()) Files.createDirectory(target);
            knownDirs.add(target);
            meta.apply(target, e, tar.xattrs(), false);
            dirs.remove(target);
            dirs.put(target, e);
        } else if (e.isLink()) {
            Path source = SecureJoin.resolve(root, LayerPaths.clean(e.getLinkName()), false);
            if (skip.covers(SkipPaths.abs(root, source))) {
                events.emit(Event.warn("extract", label + ": skipped hardlink " + printable(e.getName()) + ": its target is an ignored path"));
                return;
            }
            BasicFileAttributes s = FsOps.lstat(source);
            if (s == null) throw new IOException("hardlink target " + printable(e.getLinkName()) + " does not exist in the rootfs");
            if (s.isDirectory()) throw new IOException("hardlink target " + printable(e.getLinkName()) + " is a directory");
            if (source.equals(target)) throw new IOException("hardlink to itself");
            if (existing != null) remove(target, existing);
            Files.createLink(target, source);
            if (virtual != null) virtual.link(SkipPaths.abs(root, source), SkipPaths.abs(root, target));
        } else {
            if (existing != null) remove(target, existing);
            if (!create(tar, e, target)) return;
            meta.apply(target, e, tar.xattrs(), true);
        }
        thisLayer.add(target);
    }

    private void remove(Path p, BasicFileAttributes existing) throws IOException {
        if (existing.isDirectory()) knownDirs.clear();
        FsOps.removeAll(p);
        if (virtual != null) virtual.forgetTree(SkipPaths.abs(root, p));
    }

    /** A parent directory no entry named (created 0755 by kiln): a root build has it owned by root. */
    private void implicitDir(Path d) throws IOException {
        int mode = (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        virtual.put(SkipPaths.abs(root, d), new VirtualOwnership.Recorded(0, 0, mode), mode);
    }

    /** After a whiteout or opaque marker: forget the records of what is gone below {@code dir}. */
    private void pruneGone(Path dir) {
        if (virtual == null) return;
        virtual.prune(SkipPaths.abs(root, dir), abs -> Files.exists(abs.equals("/") ? root : root.resolve(abs.substring(1)), LinkOption.NOFOLLOW_LINKS));
    }

    /** Entries the skip set keeps out: at or below a skipped path, or replacing a directory that holds one. */
    private boolean skipped(TarArchiveEntry e, Path target, BasicFileAttributes existing) {
        String abs = SkipPaths.abs(root, target);
        if (skip.covers(abs)) return true;
        if (skip.holds(abs) && !(e.isDirectory() && (existing == null || existing.isDirectory()))) {
            events.emit(Event.warn("extract", label + ": skipped " + printable(e.getName()) + ": " + abs
                    + " holds ignored paths and stays a directory"));
            return true;
        }
        return false;
    }

    /** Creates a non-directory, non-hardlink entry; false when its type is not supported (skipped). */
    private boolean create(XattrTarInputStream tar, TarArchiveEntry e, Path target) throws IOException {
        if (e.isSymbolicLink()) {
            Native.symlink(e.getLinkName(), target);
        } else if (virtual != null && (e.isCharacterDevice() || e.isBlockDevice())) {
            // mknod of a device needs CAP_MKNOD: an empty placeholder file stands for it, the device is recorded
            Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS).close();
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            int type = e.isFIFO() ? Native.S_IFIFO : e.isCharacterDevice() ? Native.S_IFCHR : Native.S_IFBLK;
            long dev = e.isFIFO() ? 0 : Native.makedev(e.getDevMajor(), e.getDevMinor());
            Native.mknod(target, type | (e.getMode() & 0777), dev);
        } else if (e.isFile() || e.getLinkFlag() == TarConstants.LF_CONTIG) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                if (capture != null) { // /etc/passwd, /etc/group: the index keeps their contents
                    byte[] content = tar.readAllBytes();
                    out.write(content);
                    index.capture(capture, content);
                    bytes += content.length;
                } else {
                    for (int n; (n = tar.read(copyBuffer)) > 0; ) {
                        out.write(copyBuffer, 0, n);
                        bytes += n;
                    }
                }
            } catch (IOException ex) {
                throw dev.kiln.fs.DiskFull.explain(ex, target, "a file of " + dev.kiln.fs.DiskFull.bytes(e.getSize()));
            }
        } else {
            events.emit(Event.warn("extract", label + ": skipped " + printable(e.getName())
                    + ": unsupported tar entry type '" + (char) e.getLinkFlag() + "'"));
            return false;
        }
        return true;
    }

    private void whiteout(String parent, String name) throws IOException {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            events.emit(Event.warn("extract", label + ": ignored invalid whiteout for '" + printable(name) + "' in " + parent));
            return;
        }
        Path dir = SecureJoin.resolve(root, parent, true);
        BasicFileAttributes a = FsOps.lstat(dir);
        if (a == null || !a.isDirectory()) return;
        Path victim = dir.resolve(name);
        knownDirs.clear();
        String abs = SkipPaths.abs(root, victim);
        if (skip.covers(abs)) return;
        if (skip.holds(abs)) {
            BasicFileAttributes v = FsOps.lstat(victim);
            if (v != null && v.isDirectory()) FsOps.removeChildren(victim, c -> !keeps(c), this::holds);
            pruneGone(victim);
            return;
        }
        FsOps.removeAll(victim);
        if (virtual != null) virtual.forgetTree(abs);
    }

    // Hides everything lower layers put below the directory; this layer's own entries stay.
    private void opaque(String parent) throws IOException {
        Path dir = SecureJoin.resolve(root, parent, true);
        BasicFileAttributes a = FsOps.lstat(dir);
        if (a == null || !a.isDirectory() || skip.covers(SkipPaths.abs(root, dir))) return;
        knownDirs.clear();
        FsOps.removeChildren(dir, c -> !thisLayer.contains(c) && !keeps(c), c -> thisLayer.contains(c) || holds(c));
        pruneGone(dir);
    }

    private boolean keeps(Path p) {
        return skip.keeps(SkipPaths.abs(root, p));
    }

    private boolean holds(Path p) {
        return skip.holds(SkipPaths.abs(root, p));
    }

    private static String printable(String s) {
        String p = s.replace('\0', '?');
        return p.length() > 300 ? p.substring(0, 300) + "…(" + p.length() + " chars)" : p;
    }
}
