package dev.kiln.registry;

import dev.kiln.event.EventSink;
import dev.kiln.image.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A blob reused without being read (HEAD "exists", mount) is checked against what the registry says it holds. */
class BlobAnswersTest {
    private static final Digest WANTED = Digest.sha256("wanted".getBytes(StandardCharsets.UTF_8));
    private static final Digest OTHER = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    private ServerSocket server;
    private volatile String answerDigest;
    private volatile long answerLength;

    /**
     * A minimal registry on a raw socket: it closes TLS probes at once (so the client falls back to plain http
     * without a timeout), answers HEAD on blobs and mount POSTs with the headers the test sets, anything else 200.
     */
    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket c = server.accept()) {
                    answer(c);
                } catch (IOException ignored) {
                    // next connection
                }
            }
        });
    }

    private void answer(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        int first = in.read();
        if (first < 0 || first == 0x16) return; // TLS ClientHello: refuse
        StringBuilder head = new StringBuilder().append((char) first);
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) return;
            head.append((char) b);
        }
        String line = head.substring(0, head.indexOf("\r\n"));
        String path = line.split(" ")[1];
        String status = "200 OK";
        String extra = "Content-Length: 0\r\n";
        if (path.startsWith("/v2/r/blobs/uploads/")) {
            status = "201 Created";
            extra = "Docker-Content-Digest: " + answerDigest + "\r\nContent-Length: 0\r\n";
        } else if (path.startsWith("/v2/r/blobs/")) {
            extra = "Docker-Content-Digest: " + answerDigest + "\r\nContent-Length: " + answerLength + "\r\n";
        }
        OutputStream out = c.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\n" + extra + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private RegistryClient client() {
        return new RegistryClient(Fixtures.plainHttp(host()), Purpose.PUSH, Credentials.NONE, EventSink.NONE);
    }

    private String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Test
    void headWithTheExpectedDigestAndSizeIsAccepted() throws IOException {
        answerDigest = WANTED.toString();
        answerLength = 6;
        assertTrue(client().blobExists(host(), "r", WANTED, 6));
    }

    @Test
    void headWithAnotherDigestOrSizeIsRefused() {
        answerDigest = OTHER.toString();
        answerLength = 6;
        IOException e = assertThrows(IOException.class, () -> client().blobExists(host(), "r", WANTED, 6));
        assertTrue(e.getMessage().contains(OTHER.toString()) && e.getMessage().contains(WANTED.toString()), e.getMessage());
        answerDigest = WANTED.toString();
        answerLength = 7;
        assertThrows(IOException.class, () -> client().blobExists(host(), "r", WANTED, 6));
    }

    @Test
    void mountAnsweredWithAnotherDigestIsRefused() throws IOException {
        answerDigest = WANTED.toString();
        assertTrue(client().mountBlob(host(), "r", WANTED, "src"));
        answerDigest = OTHER.toString();
        assertThrows(IOException.class, () -> client().mountBlob(host(), "r", WANTED, "src"));
    }
}
