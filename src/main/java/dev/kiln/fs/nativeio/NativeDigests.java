package dev.kiln.fs.nativeio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.List;

/**
 * A security provider whose SHA-256 is OpenSSL's ({@link OpenSslSha256}), installed ahead of the JDK's when libcrypto
 * is on the machine and gives the right answer for a known input; otherwise nothing changes (the JDK's SHA-256 is
 * used, correct, slower without C2). Every {@code MessageDigest.getInstance("SHA-256")} of the process then gets it:
 * layer digests, diff ids, context hashes, blob verification.
 */
public final class NativeDigests extends Provider {
    static final String NAME = "KilnOpenSSL";

    private NativeDigests() {
        super(NAME, "1.0", "SHA-256 from OpenSSL's libcrypto (FFM)");
        putService(new Service(this, "MessageDigest", "SHA-256", OpenSslSha256.class.getName(),
                List.of("SHA256", "2.16.840.1.101.3.4.2.1", "OID.2.16.840.1.101.3.4.2.1"), null) {
            @Override
            public Object newInstance(Object ctorParameter) {
                return new OpenSslSha256();   // no reflection
            }
        });
    }

    /**
     * Installs the provider first in the list, once per process (main calls it at start); returns whether it is
     * installed. Checked before: SHA-256 of "abc" (FIPS 180-2's example) must match.
     */
    public static synchronized boolean install() {
        if (Security.getProvider(NAME) != null) return true;
        if (!OpenSslSha256.available()) return false;
        try {
            OpenSslSha256 probe = new OpenSslSha256();
            probe.engineUpdate("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 3);
            String hex = HexFormat.of().formatHex(probe.engineDigest());
            if (!hex.equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")) return false;
        } catch (RuntimeException e) {
            return false;
        }
        Security.insertProviderAt(new NativeDigests(), 1);
        return true;
    }

    /** Whether {@code MessageDigest.getInstance("SHA-256")} is OpenSSL's now. */
    public static boolean active() {
        try {
            return MessageDigest.getInstance("SHA-256").getProvider().getName().equals(NAME);
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }
}
