package dev.kiln.fs.snapshot;

import dev.kiln.event.EventSink;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.ProcessOwner;
import dev.kiln.fs.VirtualOwnership;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The layer written from a rootfs on disk carries the virtual-ownership map's values over what lstat says. */
class VirtualOwnershipSnapshotTest {
    @Test
    void recordedOwnersModesDevicesAndXattrsGoIntoTheTarHeaders(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/shadow"), "root:*:1::::::\n");
        Files.writeString(root.resolve("etc/mine"), "mine\n");
        Files.writeString(root.resolve("etc/null"), ""); // the placeholder of a device node
        Files.writeString(root.resolve("etc/ping"), "ping\n");
        ProcessOwner nobody = new ProcessOwner(65534, 65534);
        VirtualOwnership v = new VirtualOwnership(nobody);
        v.put("/etc/shadow", new VirtualOwnership.Recorded(0, 42, 0640), 0600);
        v.put("/etc/null", new VirtualOwnership.Recorded(0, 0, 0666, new VirtualOwnership.Device(TarConstants.LF_CHR, 1, 3), Map.of()), 0666);
        v.put("/etc/ping", new VirtualOwnership.Recorded(0, 0, 0755, null, Map.of("security.capability", new byte[] {1, 0, 0, 2})), 0755);

        List<String> withMap = headers(write(root, v, tmp.resolve("a.tar.gz")));
        assertEquals(List.of(
                "etc/shadow 100640 0:42 type 0",
                "etc/mine 100644 0:0 type 0",
                "etc/null 20666 0:0 type 3 dev 1,3",
                "etc/ping 100755 0:0 type 0 xattr security.capability"), withMap);
    }

    private static LayerFile write(Path root, VirtualOwnership v, Path target) throws IOException {
        try (LayerWriter w = new LayerWriter(target, 0L)) {
            EntryEmitter em = new EntryEmitter(w, EventSink.NONE, v);
            for (String p : List.of("/etc/shadow", "/etc/mine", "/etc/null", "/etc/ping")) {
                Path f = root.resolve(p.substring(1));
                Files.setAttribute(f, "unix:uid", 0);
                Files.setAttribute(f, "unix:gid", 0);
                Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
                        p.equals("/etc/ping") ? "rwxr-xr-x" : p.equals("/etc/null") ? "rw-rw-rw-" : p.equals("/etc/shadow") ? "rw-------" : "rw-r--r--"));
                em.add(p, Stat.of(f), f);
            }
            return w.finish();
        }
    }

    private static List<String> headers(LayerFile layer) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(layer.file()));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String s = e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId()
                        + " type " + (char) e.getLinkFlag();
                if (e.isCharacterDevice()) s += " dev " + e.getDevMajor() + "," + e.getDevMinor();
                for (String k : e.getExtraPaxHeaders().keySet()) if (k.startsWith("SCHILY.xattr.")) s += " xattr " + k.substring(13);
                out.add(s);
            }
        }
        return out;
    }
}
