package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** Context archives unpack with their modes, and no entry lands outside the context directory. */
class ArchiveUnpackerTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    private void file(String name, String content, int mode) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        e.setMode(0100000 | mode);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private void link(String name, String target, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void dir(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name + "/");
        e.setMode(040000 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private Path unpack() throws IOException {
        tar.close();
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        new ArchiveUnpacker("test.tar").unpack(new ByteArrayInputStream(bytes.toByteArray()), ctx);
        return ctx;
    }

    @Test
    void keepsModesSymlinksAndHardLinks() throws IOException {
        dir("bin", 0555);
        file("bin/run.sh", "#!/bin/sh\n", 0755);
        file("a.txt", "a", 0640);
        link("l", "a.txt", TarArchiveEntry.LF_SYMLINK);
        link("h", "a.txt", TarArchiveEntry.LF_LINK);
        Path ctx = unpack();
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx.resolve("bin/run.sh"))));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx.resolve("bin"))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx.resolve("a.txt"))));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(ctx.resolve("l")));
        assertEquals("a", Files.readString(ctx.resolve("h")));
        assertEquals(2, (int) Files.getAttribute(ctx.resolve("a.txt"), "unix:nlink"));
    }

    @Test
    void dotDotAndAbsoluteNamesStayInside() throws IOException {
        file("../../escape.txt", "x", 0644);
        file("/etc/abs.txt", "y", 0644);
        Path ctx = unpack();
        assertFalse(Files.exists(tmp.resolve("escape.txt")));
        assertEquals("x", Files.readString(ctx.resolve("escape.txt")));
        assertEquals("y", Files.readString(ctx.resolve("etc/abs.txt")));
    }

    @Test
    void symlinksCannotCarryLaterEntriesOutside() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        link("evil", outside.toString(), TarArchiveEntry.LF_SYMLINK);
        file("evil/pwned.txt", "z", 0644);
        link("up", "../../..", TarArchiveEntry.LF_SYMLINK);
        file("up/pwned2.txt", "z", 0644);
        Path ctx = unpack();
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing written through the symlink to outside");
        }
        assertTrue(Files.exists(ctx.resolve(outside.toString().substring(1)).resolve("pwned.txt")), "resolved inside the context");
        assertTrue(Files.exists(ctx.resolve("pwned2.txt")));
        assertFalse(Files.exists(tmp.resolve("pwned2.txt")));
    }

    @Test
    void hardLinkToOutsideIsRefused() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret"), "s");
        link("h", secret.toString(), TarArchiveEntry.LF_LINK);
        ContextException e = assertThrows(ContextException.class, this::unpack);
        assertTrue(e.getMessage().contains("hard link 'h'"), e.getMessage());
    }

    @Test
    void garbageIsAClearError() {
        Path ctx = tmp.resolve("c");
        ContextException e = assertThrows(ContextException.class, () -> new ArchiveUnpacker("junk.tar")
                .unpack(new ByteArrayInputStream("this is not a tar archive at all".repeat(40).getBytes()), Files.createDirectories(ctx)));
        assertTrue(e.getMessage().contains("junk.tar"), e.getMessage());
    }
}
