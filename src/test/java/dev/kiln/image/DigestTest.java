package dev.kiln.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sha256OfKnownInputs() {
        assertEquals("sha256:" + EMPTY, Digest.sha256(new byte[0]).toString());
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @Test
    void parseRoundTripsAndSplits() {
        Digest d = Digest.parse("sha256:" + EMPTY);
        assertEquals("sha256", d.algorithm());
        assertEquals(EMPTY, d.hex());
        assertEquals(d, Digest.parse(d.toString()));
        String sha512 = "sha512:" + "ab".repeat(64);
        assertEquals(sha512, Digest.parse(sha512).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256", ":abc", "sha256:", "sha256:abc", "md5:d41d8cd98f00b204e9800998ecf8427e",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8550",
            "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA256:" + EMPTY})
    @NullSource
    void rejectsInvalid(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digest.parse(s));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void streamingDigestMatches() {
        MessageDigest md = Digest.newSha256();
        md.update("a".getBytes(StandardCharsets.US_ASCII));
        md.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)), Digest.ofSha256(md));

        Digest want = Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII));
        MessageDigest again = want.newMessageDigest();
        again.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertTrue(want.matches(again));
        MessageDigest other = want.newMessageDigest();
        other.update("abd".getBytes(StandardCharsets.US_ASCII));
        assertFalse(want.matches(other));
    }

    @Test
    void jsonIsThePlainString() {
        Digest d = Digest.parse("sha256:" + EMPTY);
        assertEquals("\"sha256:" + EMPTY + "\"", new String(Json.write(d), StandardCharsets.UTF_8));
        assertEquals(d, Json.read(Json.write(d), Digest.class));
    }

    @Test
    void ordersByString() {
        Digest a = Digest.parse("sha256:" + "0".repeat(64));
        Digest b = Digest.parse("sha256:" + "f".repeat(64));
        assertTrue(a.compareTo(b) < 0);
        assertEquals(0, a.compareTo(Digest.parse(a.toString())));
    }
}
