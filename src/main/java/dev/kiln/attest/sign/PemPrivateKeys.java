package dev.kiln.attest.sign;

import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in PEM: PKCS#8 ({@code PRIVATE KEY}), password-encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, as
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes) and SEC1 P-256 keys ({@code EC PRIVATE KEY}, as
 * {@code openssl ecparam -genkey} writes). cosign's own scrypt-encrypted key format is not read.
 */
final class PemPrivateKeys {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s:,-]+?)-----END \\1-----");
    /** AlgorithmIdentifier { id-ecPublicKey, prime256v1 }. */
    private static final byte[] EC_P256 = HexFormat.of().parseHex("301306072a8648ce3d020106082a8648ce3d030107");

    private PemPrivateKeys() {}

    static PrivateKey read(Path file, char[] password) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            switch (type) {
                case "PRIVATE KEY" -> { return pkcs8(der(body), file); }
                case "EC PRIVATE KEY" -> {
                    if (body.contains("Proc-Type")) throw new IOException("--sign-key " + file + ": legacy OpenSSL-encrypted key; "
                            + "convert it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY.p8");
                    return pkcs8(sec1ToPkcs8(der(body)), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> { return decrypt(der(body), password, file); }
                case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY" -> throw new IOException("--sign-key " + file
                        + ": cosign's own encrypted key format is not supported; export the key as PKCS#8 PEM");
                default -> { }
            }
        }
        throw new IOException("--sign-key " + file + ": no PEM private key found");
    }

    private static byte[] der(String body) {
        return Base64.getMimeDecoder().decode(body.strip());
    }

    private static PrivateKey decrypt(byte[] der, char[] password, Path file) throws IOException {
        if (password == null || password.length == 0) {
            throw new IOException("--sign-key " + file + " is encrypted: set its password in KILN_SIGN_PASSWORD (or COSIGN_PASSWORD)");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            var key = SecretKeyFactory.getInstance(info.getAlgName()).generateSecret(new PBEKeySpec(password));
            return pkcs8(info.getKeySpec(key).getEncoded(), file);
        } catch (GeneralSecurityException e) {
            throw new IOException("--sign-key " + file + ": cannot decrypt the key (wrong password?): " + e.getMessage(), e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        for (String alg : new String[] {"EC", "Ed25519", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException("--sign-key " + file + ": not a PKCS#8 private key kiln can read");
    }

    /** PKCS#8 { version 0, AlgorithmIdentifier(EC, P-256), OCTET STRING { the SEC1 key } }. */
    static byte[] sec1ToPkcs8(byte[] sec1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(EC_P256);
        body.writeBytes(tlv(0x04, sec1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) out.write(n);
        else if (n < 0x100) { out.write(0x81); out.write(n); }
        else { out.write(0x82); out.write(n >> 8); out.write(n & 0xff); }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
