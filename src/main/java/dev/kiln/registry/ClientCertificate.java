package dev.kiln.registry;

import java.nio.file.Path;

/**
 * A TLS client certificate for one registry (Kaniko {@code --registry-client-cert host=cert,key}): a PEM
 * certificate (chain) and its PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}).
 */
public record ClientCertificate(Path certificate, Path key) {
    public ClientCertificate {
        if (certificate == null || key == null) throw new IllegalArgumentException("client certificate needs a cert and a key file");
    }

    /** Parses {@code cert.pem,key.pem}. */
    public static ClientCertificate parse(String value) {
        int comma = value == null ? -1 : value.indexOf(',');
        if (comma <= 0 || comma == value.length() - 1) {
            throw new IllegalArgumentException("expected CERT_FILE,KEY_FILE but got '" + value + "'");
        }
        return new ClientCertificate(Path.of(value.substring(0, comma).trim()), Path.of(value.substring(comma + 1).trim()));
    }
}
