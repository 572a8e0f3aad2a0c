package dev.kiln.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keys and certificates made with openssl in a temp dir: a CA, a server cert for 127.0.0.1, client certs, a token signer. */
final class TestPki {
    final Path dir;

    TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Files.createDirectories(dir);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"), "-out", p("ca.crt"),
                "-days", "2", "-subj", "/CN=kiln-test-ca");
        signed("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        signed("client", "extendedKeyUsage=clientAuth\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("token.key"), "-out", p("token.crt"),
                "-days", "2", "-subj", "/CN=kiln-test-token-issuer");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Another client cert signed by a CA the registry does not trust. */
    void untrustedClient() throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("rogue.key"), "-out", p("rogue.crt"),
                "-days", "2", "-subj", "/CN=rogue", "-addext", "extendedKeyUsage=clientAuth");
    }

    /** The client key in PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
    Path clientKeyPkcs1() throws IOException, InterruptedException {
        openssl("rsa", "-in", p("client.key"), "-out", p("client-pkcs1.key"), "-traditional");
        return file("client-pkcs1.key");
    }

    private void signed(String name, String ext) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), ext);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", p(name + ".key"), "-out", p(name + ".csr"),
                "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", p(name + ".csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"),
                "-CAcreateserial", "-out", p(name + ".crt"), "-days", "2", "-extfile", p(name + ".ext"));
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Fixtures.run(cmd);
    }
}
