package dev.kiln.attest.sign;

import java.io.IOException;

/**
 * Signs bytes. A key file today ({@link KeySigner}); keyless signing (Fulcio certificates) or a KMS could implement
 * it later without touching what is signed or where signatures go.
 */
public interface Signer {
    /** The signature of {@code payload}: ASN.1 DER for ECDSA (SHA-256), the 64 raw bytes for Ed25519 (as cosign). */
    byte[] sign(byte[] payload) throws IOException;
}
