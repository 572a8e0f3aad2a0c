package dev.kiln.registry;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The JDK client's exceptions (as it throws them: messages often null, the cause chain tells) in a user's words. */
class NetworkCauseTest {
    private static ConnectException connect(Throwable cause) {
        ConnectException e = new ConnectException();
        e.initCause(cause);
        return e;
    }

    @Test
    void refusedTimedOutDnsAndTls() {
        assertEquals("connection refused", NetworkCause.describe(connect(connect(new ClosedChannelException())), "127.0.0.1:5999"));
        assertEquals("DNS: cannot resolve host reg.invalid", NetworkCause.describe(connect(connect(new UnresolvedAddressException())), "reg.invalid:5000"));
        assertEquals("connection timed out", NetworkCause.describe(new HttpConnectTimeoutException("HTTP connect timed out"), "10.0.0.1"));
        String tls = NetworkCause.describe(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"), "h");
        assertTrue(tls.startsWith("TLS handshake failed: certificate not signed by a trusted CA"), tls);
        assertEquals("HTTP/1.1 header parser received no bytes", NetworkCause.describe(new IOException("HTTP/1.1 header parser received no bytes"), "h"));
    }

    @Test
    void onlyCausesThatDoNotHealAreNotRetried() {
        for (Throwable t : List.of(connect(new ClosedChannelException()), connect(new UnresolvedAddressException()), new SSLHandshakeException("x"),
                new RegistryException(400, "GET", "h", "/v2/", List.of(), null))) {
            assertTrue(NetworkCause.permanent(t), t.toString());
        }
        for (Throwable t : List.of(new HttpConnectTimeoutException("t"), new IOException("Connection reset"),
                new RegistryException(503, "GET", "h", "/v2/", List.of(), null))) {
            assertFalse(NetworkCause.permanent(t), t.toString());
        }
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws Exception {
        // a real socket that takes connections (the kernel's backlog) but never answers
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String reg = "127.0.0.1:" + silent.getLocalPort();
            Retry quick = Retry.DEFAULT.withDownloadRetries(0).withTimeouts(java.time.Duration.ofMillis(300), java.time.Duration.ofMillis(300));
            RegistryImages images = new RegistryImages(RegistryOptions.DEFAULT.withRetry(quick), Credentials.NONE, dev.kiln.event.EventSink.NONE);
            IOException e = assertThrows(IOException.class, () -> images.pull(Reference.parse(reg + "/x:1"),
                    Fixtures.AMD64));
            assertTrue(e.getMessage().startsWith("cannot reach registry " + reg + ": ") && e.getMessage().contains("timed out"), e.getMessage());
        }
    }
}
