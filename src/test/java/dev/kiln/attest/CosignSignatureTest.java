package dev.kiln.attest;

import dev.kiln.attest.sign.CosignSignature;
import dev.kiln.attest.sign.KeySigner;
import dev.kiln.image.Digest;
import dev.kiln.testsupport.ToolResult;
import dev.kiln.testsupport.Tools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Signatures made from openssl-generated keys verify with openssl itself (as cosign verifies), and not for another digest. */
class CosignSignatureTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"p256-pkcs8", "p256-sec1", "p256-encrypted", "ed25519"})
    void signatureVerifiesWithOpensslAndFailsForATamperedDigest(String kind) throws Exception {
        Tools.requireTool("openssl");
        Path key = tmp.resolve("key.pem"), pub = tmp.resolve("pub.pem");
        char[] password = null;
        switch (kind) {
            case "p256-pkcs8" -> ok("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
            case "p256-sec1" -> ok("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
            case "p256-encrypted" -> {
                ok("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc",
                        "-pass", "pass:hunter2", "-out", key.toString());
                password = "hunter2".toCharArray();
            }
            default -> ok("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
        }
        ok("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString(), "-passin", "pass:hunter2");
        Digest image = Digest.sha256("an image manifest".getBytes(StandardCharsets.UTF_8));
        CosignSignature sig = CosignSignature.sign(KeySigner.fromPem(key, password), "127.0.0.1:5000/app", image);
        String payload = new String(sig.payload(), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"docker-manifest-digest\":\"" + image + "\""), payload);
        assertTrue(payload.contains("\"docker-reference\":\"127.0.0.1:5000/app\""), payload);
        String manifest = new String(sig.manifest().bytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(CosignSignature.PAYLOAD_TYPE) && manifest.contains(CosignSignature.SIGNATURE_ANNOTATION), manifest);

        Path p = Files.write(tmp.resolve("payload.json"), sig.payload());
        Path s = Files.write(tmp.resolve("sig.bin"), sig.signature());
        assertTrue(verify(kind, pub, p, s).exitCode() == 0, "openssl verifies the signature");
        Digest other = Digest.sha256("another manifest".getBytes(StandardCharsets.UTF_8));
        Path tampered = Files.write(tmp.resolve("tampered.json"), CosignSignature.payload("127.0.0.1:5000/app", other));
        assertNotEquals(0, verify(kind, pub, tampered, s).exitCode(), "a payload naming another digest does not verify");
    }

    private static ToolResult verify(String kind, Path pub, Path payload, Path sig) {
        List<String> cmd = kind.equals("ed25519")
                ? List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", payload.toString(), "-sigfile", sig.toString())
                : List.of("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(), payload.toString());
        return Tools.run(Tools.DEFAULT_TIMEOUT, cmd);
    }

    private static void ok(String... cmd) {
        ToolResult r = Tools.run(cmd);
        assertEquals(0, r.exitCode(), r.toString());
    }
}
