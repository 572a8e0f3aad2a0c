package dev.kiln.step;

import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.TreeIndex;
import dev.kiln.fs.VirtualOwnership;
import dev.kiln.fs.extract.Extractor;
import dev.kiln.fs.extract.SkipPaths;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A base layer extracted as root (owners on disk) and as a process that is not root (owners recorded in the
 * virtual-ownership map): {@code COPY --from} of it writes the same layer, byte for byte. The second extraction never
 * calls chown or mknod, so this runs as root too; the map is relative to uid 65534.
 */
class VirtualOwnershipCopyTest {
    private static final ProcessOwner NOBODY = new ProcessOwner(65534, 65534);

    private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, false);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(1_600_000_000_000L);
        return e;
    }

    private static byte[] baseLayer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            put(tar, entry("etc/", TarConstants.LF_DIR, 0755, 0, 0), null);
            put(tar, entry("etc/shadow", TarConstants.LF_NORMAL, 0, 0, 42), "root:*:1::::::\n");
            put(tar, entry("locked/", TarConstants.LF_DIR, 0555, 0, 0), null);
            put(tar, entry("locked/inside", TarConstants.LF_NORMAL, 0444, 7, 7), "x\n");
            put(tar, entry("home/app/", TarConstants.LF_DIR, 02750, 1000, 1000), null);
            put(tar, entry("home/app/su", TarConstants.LF_NORMAL, 04755, 0, 0), "#!/bin/sh\n");
            TarArchiveEntry hard = entry("home/app/su2", TarConstants.LF_LINK, 0, 0, 0);
            hard.setLinkName("home/app/su");
            put(tar, hard, null);
            TarArchiveEntry link = entry("home/app/link", TarConstants.LF_SYMLINK, 0777, 1000, 1000);
            link.setLinkName("su");
            put(tar, link, null);
            put(tar, entry("implicit/a/b/file", TarConstants.LF_NORMAL, 0600, 65534, 65534), "mine\n");
            put(tar, entry("dev/", TarConstants.LF_DIR, 0755, 0, 0), null);
            TarArchiveEntry nul = entry("dev/null", TarConstants.LF_CHR, 0666, 0, 0);
            nul.setDevMajor(1);
            nul.setDevMinor(3);
            put(tar, nul, null);
        }
        return bytes.toByteArray();
    }

    private static byte[] whiteoutLayer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            put(tar, entry("locked/.wh.inside", TarConstants.LF_NORMAL, 0, 0, 0), "");
        }
        return bytes.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, String content) throws IOException {
        byte[] b = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static Path extract(Path dir, VirtualOwnership virtual) throws IOException {
        Files.createDirectories(dir);
        Extractor x = new Extractor(dir, EventSink.NONE, SkipPaths.NONE, virtual);
        x.applyTar(new ByteArrayInputStream(baseLayer()), "base");
        x.applyTar(new ByteArrayInputStream(whiteoutLayer()), "whiteouts");
        if (virtual != null) {
            // this test runs as root: give the files the owner they get when nobody creates them
            try (var all = Files.walk(x.root())) {
                for (Path p : all.toList()) {
                    Files.setAttribute(p, "unix:uid", NOBODY.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", NOBODY.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return x.root();
    }

    /** {@code COPY --from=<the extracted dir> / /copy/} into a layer (as CopyStep does); the layer's tar headers. */
    private static LayerFile copyAll(Path root, VirtualOwnership virtual, Path layer) throws IOException {
        ContextSources from = ContextSources.directory(root, true, virtual);
        try (LayerWriter w = new LayerWriter(layer, 0L)) {
            CopyWriter writer = new CopyWriter(new TreeIndex(), null, null, w, 0);
            SourceEntry top = from.match(".").getFirst();
            writer.ensureDir("/copy");
            for (SourceEntry e : from.walk(top)) writer.put("/copy/" + e.relPath(), e);
            return w.finish();
        }
    }

    private static List<String> headers(Path layer) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                out.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
                        + (e.getLinkName().isEmpty() ? "" : " -> " + e.getLinkName()));
            }
        }
        return out;
    }

    @Test
    void copyFromAnExtractionAsNobodyWritesTheLayerRootWrites(@TempDir Path tmp) throws IOException {
        Path asRoot = extract(tmp.resolve("root"), null);
        VirtualOwnership virtual = new VirtualOwnership(NOBODY);
        Path asNobody = extract(tmp.resolve("nobody"), virtual);

        LayerFile a = copyAll(asRoot, null, tmp.resolve("a.tar.gz"));
        LayerFile b = copyAll(asNobody, virtual, tmp.resolve("b.tar.gz"));
        List<String> h = headers(b.file());
        assertEquals(headers(a.file()), h);
        assertEquals(a.diffId(), b.diffId());
        assertEquals(a.descriptor().digest(), b.descriptor().digest());

        assertTrue(h.contains("copy/etc/shadow 100000 0:42"), h.toString());
        assertTrue(h.contains("copy/locked/ 40555 0:0"), h.toString());
        assertTrue(h.contains("copy/home/app/ 42750 1000:1000"), h.toString());
        assertTrue(h.contains("copy/home/app/su 104755 0:0"), h.toString());
        assertTrue(h.contains("copy/home/app/su2 104755 0:0 -> copy/home/app/su"), h.toString());
        assertTrue(h.contains("copy/home/app/link 120777 1000:1000 -> su"), h.toString());
        assertTrue(h.contains("copy/implicit/ 40755 0:0"), h.toString());
        assertTrue(h.contains("copy/implicit/a/b/file 100600 65534:65534"), h.toString());
        assertFalse(h.stream().anyMatch(s -> s.startsWith("copy/dev/null")), "devices are never copied: " + h);
        assertFalse(h.stream().anyMatch(s -> s.startsWith("copy/locked/inside")), "whited out: " + h);
    }

    @Test
    void asNobodyDiskKeepsWhatKilnNeedsAndTheMapTheRest(@TempDir Path tmp) throws IOException {
        VirtualOwnership virtual = new VirtualOwnership(NOBODY);
        Path root = extract(tmp.resolve("nobody"), virtual);
        // unreadable and unwritable modes are widened for the owner on disk, recorded as they were
        assertEquals(0600, mode(root.resolve("etc/shadow")));
        assertEquals(0755, mode(root.resolve("locked")));
        assertEquals(new VirtualOwnership.Recorded(0, 42, 0), virtual.get("/etc/shadow").orElseThrow());
        assertEquals(0555, virtual.get("/locked").orElseThrow().mode());
        // a device is a placeholder file on disk, its numbers recorded; naming it in COPY is refused as for root
        assertTrue(Files.isRegularFile(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(new VirtualOwnership.Device(TarConstants.LF_CHR, 1, 3), virtual.get("/dev/null").orElseThrow().device());
        assertThrows(IOException.class, () -> ContextSources.directory(root, true, virtual).match("dev/null"));
        // what a whiteout removed is forgotten; the file nobody owns needs no record
        assertTrue(virtual.get("/locked/inside").isEmpty());
        assertTrue(virtual.get("/implicit/a/b/file").isEmpty());
        assertEquals(new VirtualOwnership.Recorded(0, 0, 0755), virtual.get("/implicit/a").orElseThrow());
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
