package dev.kiln.registry;

import dev.kiln.image.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class VerifyingInputStreamTest {
    private static final byte[] GOOD = "the right bytes".getBytes(StandardCharsets.UTF_8);
    private static final Digest GOOD_DIGEST = Digest.sha256(GOOD);

    private static InputStream verifying(byte[] served, long size) {
        return new VerifyingInputStream(new ByteArrayInputStream(served), GOOD_DIGEST, size, "blob under test");
    }

    @Test
    void passesCorrectContent() throws IOException {
        try (InputStream in = verifying(GOOD, GOOD.length)) {
            assertArrayEquals(GOOD, in.readAllBytes());
            assertEquals(-1, in.read());
        }
        try (InputStream in = verifying(GOOD, -1)) {
            assertArrayEquals(GOOD, in.readAllBytes());
        }
    }

    @Test
    void wrongBytesSameLengthFailAtEofNamingBothDigests() {
        byte[] bad = "the wrong bytes".getBytes(StandardCharsets.UTF_8);
        assertEquals(GOOD.length, bad.length);
        IOException e = assertThrows(IOException.class, () -> verifying(bad, GOOD.length).readAllBytes());
        assertTrue(e.getMessage().contains("expected " + GOOD_DIGEST), e.getMessage());
        assertTrue(e.getMessage().contains("got " + Digest.sha256(bad)), e.getMessage());
        assertTrue(e.getMessage().contains("blob under test"), e.getMessage());
    }

    @Test
    void shortContentFails() {
        byte[] shorter = "the right".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> verifying(shorter, GOOD.length).readAllBytes());
        assertTrue(e.getMessage().contains("size mismatch"), e.getMessage());
    }

    @Test
    void longerContentFailsBeforeEof() {
        byte[] longer = "the right bytes and more".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> verifying(longer, GOOD.length).readAllBytes());
        assertTrue(e.getMessage().contains("more data"), e.getMessage());
    }

    @Test
    void failureIsSticky() throws IOException {
        byte[] bad = "the wrong bytes".getBytes(StandardCharsets.UTF_8);
        InputStream in = verifying(bad, GOOD.length);
        assertEquals(bad.length, in.read(new byte[bad.length]));
        assertThrows(IOException.class, in::read);
        assertThrows(IOException.class, in::read);
        assertThrows(IOException.class, () -> in.skip(1));
    }

    @Test
    void singleByteReadsAndSkipVerifyToo() throws IOException {
        InputStream in = verifying(GOOD, GOOD.length);
        assertEquals(GOOD[0], in.read());
        assertEquals(GOOD.length - 1, in.skip(Long.MAX_VALUE));
        assertEquals(-1, in.read());
        InputStream bad = verifying("X".repeat(GOOD.length).getBytes(), GOOD.length);
        assertThrows(IOException.class, () -> bad.skip(Long.MAX_VALUE));
    }
}
