package dev.kiln.fs.nativeio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.Security;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** OpenSSL's SHA-256 through FFM gives the JDK's answers, for any split of the input, cloned or reset (issue 12). */
class NativeDigestsTest {
    private static MessageDigest jdk() throws Exception {
        return MessageDigest.getInstance("SHA-256", Security.getProvider("SUN"));
    }

    @Test
    void installedItAnswersAsTheJdkForEverySizeAndSplit() throws Exception {
        assumeTrue(OpenSslSha256.available(), "no libcrypto on this machine (kiln then uses the JDK's SHA-256)");
        assertTrue(NativeDigests.install());
        assertTrue(NativeDigests.install(), "twice: still installed, once");
        assertTrue(NativeDigests.active(), "MessageDigest.getInstance(\"SHA-256\") is OpenSSL's");
        assertEquals(1, java.util.Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(NativeDigests.NAME)).count());
        Random r = new Random(12);
        for (int size : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 4096, 65536, 1 << 20, 3_000_001}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            MessageDigest ours = MessageDigest.getInstance("SHA-256");
            int off = 0;
            while (off < size) {                              // uneven pieces, some single bytes
                int n = Math.min(size - off, r.nextInt(3) == 0 ? 1 : r.nextInt(70_000));
                if (n == 1) ours.update(data[off]);
                else ours.update(data, off, n);
                off += n;
            }
            assertArrayEquals(jdk().digest(data), ours.digest(), "size " + size);
            assertArrayEquals(jdk().digest(new byte[0]), ours.digest(), "digest() resets");
        }
    }

    @Test
    void aCloneGoesOnFromTheSameStateAndBuffersWork() throws Exception {
        assumeTrue(OpenSslSha256.available());
        NativeDigests.install();
        byte[] a = "first part, ".repeat(100).getBytes();
        byte[] b = "second part".getBytes();
        MessageDigest ours = MessageDigest.getInstance("SHA-256");
        assertEquals(NativeDigests.NAME, ours.getProvider().getName());
        ours.update(a);
        MessageDigest copy = (MessageDigest) ours.clone();
        copy.update(b);
        MessageDigest expect = jdk();
        expect.update(a);
        MessageDigest expectCopy = (MessageDigest) expect.clone();
        expectCopy.update(b);
        assertArrayEquals(expectCopy.digest(), copy.digest(), "the clone: a then b");
        assertArrayEquals(expect.digest(), ours.digest(), "the original: a only, untouched by its clone");
        ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        direct.put(data).flip();
        ours.update(direct);
        assertArrayEquals(jdk().digest(data), ours.digest(), "a direct buffer");
        ours.update(a, 0, 10);
        ours.reset();
        assertArrayEquals(jdk().digest(b), ours.digest(b), "reset forgets");
        assertThrows(IllegalArgumentException.class, () -> MessageDigest.getInstance("SHA-256").update(a, a.length - 1, 2), "as the JDK's");
    }
}
