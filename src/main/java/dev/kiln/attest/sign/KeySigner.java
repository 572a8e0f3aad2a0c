package dev.kiln.attest.sign;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;

/** Signs with a private key from a PEM file: ECDSA P-256 with SHA-256, or Ed25519 (the key types cosign signs with). */
public final class KeySigner implements Signer {
    private final PrivateKey key;
    private final String algorithm;

    private KeySigner(PrivateKey key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    /** Reads {@code file}; {@code password} (nullable) decrypts an {@code ENCRYPTED PRIVATE KEY}. */
    public static KeySigner fromPem(Path file, char[] password) throws IOException {
        PrivateKey k = PemPrivateKeys.read(file, password);
        if (k instanceof ECPrivateKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IOException("--sign-key " + file + ": an EC key must be on P-256 (cosign's curve), this one has "
                        + ec.getParams().getCurve().getField().getFieldSize() + " bits");
            }
            return new KeySigner(k, "SHA256withECDSA");
        }
        if (k.getAlgorithm().equals("Ed25519") || k.getAlgorithm().equals("EdDSA")) return new KeySigner(k, "Ed25519");
        throw new IOException("--sign-key " + file + ": a " + k.getAlgorithm() + " key; kiln signs with ECDSA P-256 or Ed25519 keys");
    }

    @Override
    public byte[] sign(byte[] payload) throws IOException {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(payload);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IOException("signing failed (" + algorithm + "): " + e.getMessage(), e);
        }
    }
}
