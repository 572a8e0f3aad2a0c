package dev.kiln.registry;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a connection failed, in the words a user looks for: connection refused, timed out, TLS, DNS. The JDK's
 * HTTP client often throws a {@link ConnectException} without a message; the cause chain says what happened.
 */
final class NetworkCause {
    private NetworkCause() {}

    /** A short phrase for a failed connection to {@code host} ("connection refused", "DNS: cannot resolve …"). */
    static String describe(Throwable e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "DNS: cannot resolve host " + hostName(host);
            }
            if (t instanceof HttpConnectTimeoutException) return "connection timed out";
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) return "timed out waiting for an answer";
            if (t instanceof SSLHandshakeException h) return "TLS handshake failed: " + tlsReason(h);
            if (t instanceof SSLException s) return "TLS: " + s.getMessage();
            if (t instanceof NoRouteToHostException) return "no route to host";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException c) {
                return c.getMessage() == null || c.getMessage().isBlank() ? "connection refused" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Refused connections, unknown hosts, TLS failures and 4xx answers do not heal within a retry's delay (go-containerregistry does not retry them either). */
    static boolean permanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryException r) return r.status() < 500 && r.status() != 429;
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException || t instanceof SSLException) return true;
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException c && (c.getMessage() == null || c.getMessage().contains("refused"))) return true;
        }
        return false;
    }

    private static String tlsReason(SSLHandshakeException h) {
        String m = h.getMessage() == null ? "" : h.getMessage();
        if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
            return "certificate not signed by a trusted CA (--registry-certificate HOST=CA.pem, or --skip-tls-verify-registry HOST)";
        }
        if (m.contains("No subject alternative") || m.contains("No name matching")) return "certificate does not name this host (" + m + ")";
        return m;
    }

    private static String hostName(String host) {
        if (host.startsWith("[")) return host.substring(0, host.indexOf(']') + 1);
        int colon = host.lastIndexOf(':');
        return colon > 0 ? host.substring(0, colon) : host;
    }
}
