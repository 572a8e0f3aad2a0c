package dev.kiln.registry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds the SSL contexts: the JDK trust store plus extra CA files, or (for insecure registries) no verification. */
final class TlsContexts {
    private TlsContexts() {}

    /** Trusts the JDK's CAs plus every certificate in the given PEM/DER files. */
    static SSLContext verifying(List<Path> extraCas) throws IOException {
        return context(extraCas, null, true);
    }

    /**
     * A context for one registry: verifying (JDK CAs plus {@code extraCas}) or trusting all, presenting
     * {@code client} (may be null) when the server asks for a certificate.
     */
    static SSLContext context(List<Path> extraCas, ClientCertificate client, boolean verify) throws IOException {
        try {
            if (client == null && verify && extraCas.isEmpty()) return SSLContext.getDefault();
            javax.net.ssl.KeyManager[] kms = client == null ? null : keyManagers(client);
            TrustManager[] tms = verify ? trustManagers(extraCas) : new TrustManager[] {new TrustAll()};
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tms, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(ClientCertificate c) throws IOException, GeneralSecurityException {
        var chain = PemKeys.certificates(c.certificate());
        var key = PemKeys.privateKey(c.key());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "kiln".toCharArray();
        try {
            ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new IOException("client key " + c.key() + " does not fit certificate " + c.certificate() + ": " + e.getMessage(), e);
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private static TrustManager[] trustManagers(List<Path> extraCas) throws IOException {
        try {
            if (extraCas.isEmpty()) return new TrustManager[] {defaultTrustManager()};
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int n = 0;
            for (X509Certificate c : defaultTrustManager().getAcceptedIssuers()) ks.setCertificateEntry("jdk-" + n++, c);
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path p : extraCas) {
                try (InputStream in = Files.newInputStream(p)) {
                    var certs = cf.generateCertificates(in);
                    if (certs.isEmpty()) throw new IOException("no certificate found in CA file " + p);
                    for (Certificate c : certs) ks.setCertificateEntry("extra-" + n++, c);
                } catch (GeneralSecurityException e) {
                    throw new IOException("cannot read CA certificate " + p + ": " + e.getMessage(), e);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** Accepts any certificate and host name (only for registries the user marked insecure or skip-verify). */
    static SSLContext trustingAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) return x;
        }
        throw new GeneralSecurityException("no default X509 trust manager");
    }

    /** Extended, so JSSE does not add its own host name check on top. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
