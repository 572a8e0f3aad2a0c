package dev.kiln.fs.extract;

import dev.kiln.event.EventSink;
import dev.kiln.fs.EntryMeta;
import dev.kiln.fs.LayerFile;
import dev.kiln.fs.LayerWriter;
import dev.kiln.fs.nativeio.Xattrs;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A setuid file and file capabilities survive LayerWriter → layer blob → Extractor. */
class LayerXattrRoundTripTest {
    @TempDir
    Path tmp;

    /** VFS_CAP_REVISION_2, effective, permitted = cap_setuid(7) | cap_net_bind_service(10) | cap_net_raw(13): bytes >= 0x80. */
    static byte[] caps() {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x02000001).putInt((1 << 7) | (1 << 10) | (1 << 13)).putInt(0).putInt(0).putInt(0);
        return b.array();
    }

    private LayerFile layer() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
        String longName = "/opt/" + "ü".repeat(80) + "/tool";
        try (LayerWriter w = new LayerWriter(tmp.resolve("layer.tar.gz"), null)) {
            w.addDirectory("/usr", new EntryMeta(0755, 0, 0, 1_700_000_000L));
            w.addDirectory("/usr/bin", new EntryMeta(0755, 0, 0, 1_700_000_000L), Map.of("user.dir", "d".getBytes(StandardCharsets.UTF_8)));
            w.addFile("/usr/bin/ping", new EntryMeta(04755, 0, 0, 1_700_000_001L), "ping!".getBytes(StandardCharsets.UTF_8),
                    Map.of("security.capability", caps(), "user.bin", binary));
            w.addFile("/usr/bin/plain", new EntryMeta(02711, 0, 42, 1_700_000_002L), "plain".getBytes(StandardCharsets.UTF_8));
            w.addDirectory("/opt", new EntryMeta(0755, 0, 0, 1_700_000_000L));
            w.addDirectory(LayerPathsForTest.parent(longName), new EntryMeta(0700, 0, 0, 1_700_000_000L));
            w.addFile(longName, new EntryMeta(0750, 3_000_000, 3_000_001, 1_700_000_003L), "t".getBytes(StandardCharsets.UTF_8),
                    Map.of("security.capability", caps()));
            w.addSymlink("/usr/bin/p", new EntryMeta(0777, 0, 0, 1_700_000_004L), "ping", Map.of("trusted.k", new byte[] {(byte) 0xff, 0}));
            return w.finish();
        }
    }

    @Test
    void setuidAndCapabilitiesSurvive() throws Exception {
        LayerFile l = layer();
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        new Extractor(rootfs, EventSink.NONE).apply(l);
        Path ping = rootfs.resolve("usr/bin/ping");
        assertEquals("ping!", Files.readString(ping));
        assertEquals(04755, ((Number) Files.getAttribute(ping, "unix:mode")).intValue() & 07777);
        assertArrayEquals(caps(), Xattrs.get(ping, "security.capability").orElseThrow());
        assertEquals(256, Xattrs.get(ping, "user.bin").orElseThrow().length);
        assertEquals((byte) 0xff, Xattrs.get(ping, "user.bin").orElseThrow()[255]);
        assertEquals(FileTime.fromMillis(1_700_000_001_000L), Files.getLastModifiedTime(ping));
        assertEquals("d", new String(Xattrs.get(rootfs.resolve("usr/bin"), "user.dir").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(02711, ((Number) Files.getAttribute(rootfs.resolve("usr/bin/plain"), "unix:mode")).intValue() & 07777);
        Path tool = rootfs.resolve("opt/" + "ü".repeat(80) + "/tool");
        assertArrayEquals(caps(), Xattrs.get(tool, "security.capability").orElseThrow());
        assertEquals(3_000_000, ((Number) Files.getAttribute(tool, "unix:uid")).intValue());
        assertEquals(3_000_001, ((Number) Files.getAttribute(tool, "unix:gid")).intValue());
        Path p = rootfs.resolve("usr/bin/p");
        assertEquals("ping", Files.readSymbolicLink(p).toString());
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, Xattrs.get(p, "trusted.k").orElseThrow());
        assertEquals(FileTime.fromMillis(1_700_000_004_000L), Files.getLastModifiedTime(p, NOFOLLOW_LINKS));
        assertTrue(Files.notExists(rootfs.resolve("kiln-pax-path"), NOFOLLOW_LINKS));
    }

    @Test
    void gnuTarReadsTheSameXattrs() throws Exception {
        LayerFile l = layer();
        Path out = Files.createDirectory(tmp.resolve("gnutar"));
        Tools.run("tar", "--xattrs", "--xattrs-include=*", "--same-owner", "-xpzf", l.file().toString(), "-C", out.toString()).requireOk();
        Path ping = out.resolve("usr/bin/ping");
        assertArrayEquals(caps(), Xattrs.get(ping, "security.capability").orElseThrow());
        assertEquals(04755, ((Number) Files.getAttribute(ping, "unix:mode")).intValue() & 07777);
        Path tool = out.resolve("opt/" + "ü".repeat(80) + "/tool");
        assertArrayEquals(caps(), Xattrs.get(tool, "security.capability").orElseThrow());
        assertEquals(3_000_000, ((Number) Files.getAttribute(tool, "unix:uid")).intValue());
    }

    /** Test-local parent of an absolute path. */
    static final class LayerPathsForTest {
        static String parent(String p) {
            return p.substring(0, p.lastIndexOf('/'));
        }
    }
}
